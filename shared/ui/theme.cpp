#include "theme.hpp"

namespace elder {

const Palette& default_palette() {
    // Dark page with white text: less glare on a TV in a dim room, and high contrast everywhere.
    static const Palette palette{
        rgb_hex(0x0E1B2E),  // background
        rgb_hex(0xFFFFFF),  // text
        rgb_hex(0xD9E4F2),  // text_muted
        rgb_hex(0x1F3B63),  // tile
        rgb_hex(0x244476),  // tile_hover: muted text on it stays above 7:1 with room for antialiasing (7.5:1)
        rgb_hex(0x8A1410),  // sos_tile
        rgb_hex(0xFFD23F),  // focus_ring
        rgb_hex(0xFFE27A),  // accent
        rgb_hex(0xB4BFCC),  // text_dim
    };
    return palette;
}

const Palette& high_contrast_palette() {
    static const Palette palette{
        rgb_hex(0x000000),  // background
        rgb_hex(0xFFFFFF),  // text
        rgb_hex(0xFFFFFF),  // text_muted: no dimmed text in this theme
        rgb_hex(0x1A1A1A),  // tile
        rgb_hex(0x2E2E2E),  // tile_hover
        rgb_hex(0x6B0000),  // sos_tile
        rgb_hex(0xFFFF00),  // focus_ring
        rgb_hex(0xFFFF00),  // accent
        rgb_hex(0xFFFFFF),  // text_dim: no dimmed text in this theme (words say what is not available)
    };
    return palette;
}

const Palette& palette_for(bool high_contrast) { return high_contrast ? high_contrast_palette() : default_palette(); }

ImU32 to_imcolor(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

void apply_imgui_style(const Palette& palette) {
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowPadding = ImVec2(0, 0);
    style.WindowBorderSize = 0;
    style.WindowRounding = 0;
    style.ScrollbarSize = 24;
    const auto vec = [](Rgb c) { return ImVec4(c.r / 255.f, c.g / 255.f, c.b / 255.f, 1.f); };
    style.Colors[ImGuiCol_WindowBg] = vec(palette.background);
    style.Colors[ImGuiCol_Text] = vec(palette.text);
    style.Colors[ImGuiCol_ScrollbarBg] = vec(palette.background);
    style.Colors[ImGuiCol_ScrollbarGrab] = vec(palette.tile_hover);
}

}  // namespace elder
