#include "headless_ui.hpp"

#include "platform/assets.hpp"
#include "platform/font_files.hpp"

#include "fixture_clock.hpp"

#include <stdexcept>

namespace elder::test {
namespace {

// The renderer's half of ImGui 1.92's texture protocol, without a GPU.
void accept_texture_requests() {
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
        if (tex->Status == ImTextureStatus_WantCreate || tex->Status == ImTextureStatus_WantUpdates) {
            tex->SetTexID(static_cast<ImTextureID>(1));
            tex->SetStatus(ImTextureStatus_OK);
        } else if (tex->Status == ImTextureStatus_WantDestroy) {
            tex->SetTexID(ImTextureID_Invalid);
            tex->SetStatus(ImTextureStatus_Destroyed);
        }
    }
}

}  // namespace

HeadlessUi::HeadlessUi(Surface surface, float width, float height, const char* language, const char* device) {
    context_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60;
    std::string error;
    AppParams params;
    params.config.surface = surface;
    params.config.language = language;
    params.config.device_id = device;
    params.assets_dir = ELDER_ASSETS_DIR;
    AppAssets assets;
    if (!load_assets(params.assets_dir, assets, fonts, error)) throw std::runtime_error(error);
    fonts.set_loader(make_font_file_loader(params.assets_dir));
    app.init(params, std::move(assets));
    frame();
    frame();
}

HeadlessUi::~HeadlessUi() { ImGui::DestroyContext(context_); }

void HeadlessUi::frame() {
    ImGui::NewFrame();
    static const CivilTime now = fixture_clock();  // the fixtures' day: their dates and the clock agree
    app.frame(now);
    ImGui::Render();
    accept_texture_requests();
    fonts.want(app.missing_glyphs(), 0);
    if (fonts.merge_arrived()) app.fonts_changed();
}

void HeadlessUi::tap(float x, float y) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x, y);
    app.on_pointer_input();
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    io.AddMouseButtonEvent(0, false);
    frame();
    frame();
}

void HeadlessUi::drag(float x0, float y0, float x1, float y1, int steps) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMouseSourceEvent(ImGuiMouseSource_TouchScreen);
    io.AddMousePosEvent(x0, y0);
    app.on_pointer_input();
    frame();
    io.AddMouseButtonEvent(0, true);
    frame();
    for (int i = 1; i <= steps; ++i) {
        io.AddMousePosEvent(x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps);
        frame();
    }
    io.AddMouseButtonEvent(0, false);
    frame();
    frame();
}

void HeadlessUi::wheel(float lines) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(io.DisplaySize.x / 2, io.DisplaySize.y / 2);
    io.AddMouseWheelEvent(0, lines);
    app.on_pointer_input();
    frame();
    frame();
}

}  // namespace elder::test
