// A Severe or Extreme alert interrupts whatever is on screen: severity in words, colour and a
// warning sign, the headline, what to do, and one large 我知道了 (Back does the same).
#include <algorithm>

#include "alert_words.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// Dark enough for white text at 7:1 and more; in high contrast the band is black with a yellow edge.
Rgb band_colour(const PageContext& ctx, const Alert& a) {
    if (ctx.state.settings.high_contrast) return rgb_hex(0x000000);
    return a.infos.front().severity == "Extreme" ? rgb_hex(0x8A1410) : rgb_hex(0x7A3F00);
}

void warning_sign(PageContext& ctx, const Rect& r) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 yellow = IM_COL32(0xFF, 0xD2, 0x3F, 0xFF);
    draw->AddTriangleFilled(ImVec2(r.center_x(), r.y), ImVec2(r.right(), r.bottom()), ImVec2(r.x, r.bottom()), yellow);
    const float bar = r.w * 0.09f;
    draw->AddRectFilled(ImVec2(r.center_x() - bar / 2, r.y + r.h * 0.35f), ImVec2(r.center_x() + bar / 2, r.y + r.h * 0.72f),
                        IM_COL32(0, 0, 0, 255));
    draw->AddRectFilled(ImVec2(r.center_x() - bar / 2, r.y + r.h * 0.8f), ImVec2(r.center_x() + bar / 2, r.y + r.h * 0.8f + bar),
                        IM_COL32(0, 0, 0, 255));
    ctx.tree.add({"interrupt.icon", Role::Image, ctx.strings.text("interrupt.icon"), r, 0, rgb_hex(0x000000),
                  rgb_hex(0xFFD23F), std::nullopt, false});
}

// Each surface is told what it has: a remote's 返回 key on a TV, only the button elsewhere.
std::string hint_words(const PageContext& ctx) {
    return ctx.strings.text(ctx.profile.can.remote_control ? "interrupt.hint" : "interrupt.hint_touch");
}

// What to do and whom to call, at headline size: the two things a resident must take away, so they
// are never the smallest words on the screen.
float advice(PageContext& ctx, const AlertInfo& info, float y) {
    const Rect area = ctx.content();
    const float head = ctx.profile.heading_px, gap = ctx.profile.body_px * 0.5f;
    float h = 0;
    if (!info.instruction.empty())
        h += text_block(ctx, "interrupt.instruction", ctx.strings.format("alerts.instruction", {{"text", info.instruction}}),
                        ImVec2(area.x, y), area.w, head, ctx.palette.text, ctx.palette.background) + gap;
    const std::string& phone = ctx.state.data.site.value.hotline;
    if (!phone.empty() && info.instruction.find(phone) == std::string::npos)  // not said twice
        h += text_block(ctx, "interrupt.hotline", ctx.strings.format("interrupt.hotline", {{"hotline", phone}}),
                        ImVec2(area.x, y + h), area.w, head, ctx.palette.text, ctx.palette.background) + gap;
    return h;
}

// One large 我知道了, bottom-centre (ACCESSIBILITY.md: a dialog's close target), focused when the
// screen opens so a TV shows its ring at once. Returns the y below it.
float ack_button(PageContext& ctx, const Alert& alert, float y) {
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    const std::string ack = ctx.strings.text("interrupt.ack");
    const float w = std::min(area.w, std::max(area.w * 0.6f, text_width(ctx, ack, ctx.profile.tile_label_px) + 4 * px));
    const float h = std::max(ctx.profile.min_target_h, ctx.profile.tile_label_px * 2);
    const float hint_h = text_block_height(ctx, hint_words(ctx), area.w, px);
    const float button_y = std::max(y + px, ctx.top() + area.h - h - hint_h - px);
    tile(ctx, {"interrupt.ack", ack, "", "", {area.center_x() - w / 2, button_y, w, h}, ctx.palette.tile,
               AcknowledgeAlert{alert.id}});
    ctx.tree.focus_last_on_entry();
    return button_y + h + px * 0.5f;
}

}  // namespace

void draw_interruption_page(PageContext& ctx, const Alert& alert) {
    const Rect area = ctx.content();
    const AlertInfo& info = alert.infos.front();
    const auto& t = ctx.strings;
    const float px = ctx.profile.body_px, head = ctx.profile.heading_px;
    const Rgb band = band_colour(ctx, alert);

    // The band: warning sign, severity in words, the event.
    const std::string title = alert_title_words(t, alert, "interrupt.title");
    const float icon = head * 1.6f;
    const float text_x = area.x + px + icon + px;
    const float title_h = text_block_height(ctx, title, area.right() - px - text_x, head);
    // Taller than the screen (the largest text on a TV), it scrolls: everything is placed from top().
    const float top = ctx.top();
    const Rect band_rect{area.x, top, area.w, std::max(icon, title_h) + 2 * px};
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(band_rect.x, band_rect.y), ImVec2(band_rect.right(), band_rect.bottom()), to_imcolor(band), 16);
    if (ctx.state.settings.high_contrast)
        draw->AddRect(ImVec2(band_rect.x, band_rect.y), ImVec2(band_rect.right(), band_rect.bottom()), IM_COL32(0xFF, 0xFF, 0, 0xFF), 16, 0, 6);
    warning_sign(ctx, {area.x + px, band_rect.center_y() - icon / 2, icon, icon});
    text_block(ctx, "interrupt.title", title, ImVec2(text_x, band_rect.center_y() - title_h / 2), area.right() - px - text_x, head,
               rgb_hex(0xFFFFFF), band, Role::Heading);
    float y = band_rect.bottom() + px;

    y += text_block(ctx, "interrupt.headline", info.headline, ImVec2(area.x, y), area.w, head, ctx.palette.text,
                    ctx.palette.background, Role::Heading) + px * 0.5f;
    y += advice(ctx, info, y);
    y = ack_button(ctx, alert, y);
    y += text_block(ctx, "interrupt.hint", hint_words(ctx), ImVec2(area.x, y), area.w, px, ctx.palette.text_muted,
                    ctx.palette.background);
    ctx.end_page(y);
}

}  // namespace elder
