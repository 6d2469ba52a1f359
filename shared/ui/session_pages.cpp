// A kiosk between visitors (the attract screen: the community, the time, the alerts, a large
// 开始使用 and 紧急求助) and 20 s before an idle visitor's session ends (还需要更多时间吗？ with one
// large 继续使用).
#include <algorithm>
#include <cmath>

#include "alert_words.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

namespace {

// 开始使用 as the largest thing on the screen and 紧急求助 beside or under it, filling the room the
// words leave: a visitor sees at once where to press, and one in trouble need not go through home.
// Returns the y below them.
float attract_buttons(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const float gap = ctx.profile.gap;
    const float sos_h = std::max(ctx.profile.min_target_h * 1.5f, ctx.profile.tile_label_px * 3.2f);
    const float least = std::max(ctx.profile.min_target_h * 2, ctx.profile.tile_label_px * 4);
    const float most = std::max(least, area.h * 0.5f);
    const float room = area.bottom() - y;
    const bool beside = area.w > area.h;  // landscape: side by side, as tall as the room allows
    const float start_h = std::clamp(beside ? room : room - sos_h - gap, least, most);
    const float start_w = beside ? std::floor((area.w - gap) * 0.6f) : area.w;
    tile(ctx, {"attract.start", t.text("attract.start"), t.text("attract.start_hint"), "", {area.x, y, start_w, start_h},
               ctx.palette.tile, GoHome{}, ctx.profile.tile_label_px * 1.3f});
    ctx.tree.focus_last_on_entry();
    const Rect sos = beside ? Rect{area.x + start_w + gap, y, area.w - start_w - gap, start_h}
                            : Rect{area.x, y + start_h + gap, area.w, sos_h};
    tile(ctx, {"attract.sos", t.text("tile.sos"), t.text("tile.sos.hint"), "", sos, ctx.palette.sos_tile,
               OpenScreen{Screen::Sos, ""}});
    return sos.bottom();
}

}  // namespace

void draw_attract_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const Palette& p = ctx.palette;
    const float head = ctx.profile.heading_px;
    float y = ctx.top() + head * 0.5f;
    const std::string& name = ctx.state.data.site.value.community_name;
    y += text_block(ctx, "attract.community", name.empty() ? t.text("home.title") : name, ImVec2(area.x, y), area.w,
                    head * 1.3f, p.text, p.background, Role::Heading) + head * 0.5f;
    y += text_block(ctx, "attract.time", format_date(t, ctx.now) + " " + clock_words(t, ctx.now), ImVec2(area.x, y), area.w,
                    head, p.text, p.background) + head * 0.5f;
    const std::vector<CardLine> banner = alert_banner_lines(ctx);
    if (banner.empty())
        y += text_block(ctx, "attract.no_alerts", t.text("attract.no_alerts"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                        p.text_muted, p.background) + head * 0.5f;
    // The most severe alert's level, event and headline (the banner's "press here" line is not for
    // this screen), and how many there are.
    for (size_t i = 0; i < std::min<size_t>(banner.size(), 2); ++i)
        y += text_block(ctx, "attract.alert." + std::to_string(i), banner[i].text, ImVec2(area.x, y), area.w,
                        i == 0 ? head : ctx.profile.body_px, i == 0 ? p.accent : p.text, p.background, i == 0 ? Role::Heading : Role::Text);
    const size_t count = ctx.state.data.alerts.value.size();
    if (count > 1)
        y += text_block(ctx, "attract.alert_count", t.format("attract.alert_count", {{"count", std::to_string(count)}}),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, p.text, p.background);
    ctx.end_page(attract_buttons(ctx, y + head * 0.5f));
}

void draw_idle_warning_page(PageContext& ctx, int seconds_left) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const Palette& p = ctx.palette;
    const float head = ctx.profile.heading_px;
    float y = area.y + head;
    y += text_block(ctx, "idle.question", t.text("idle.question"), ImVec2(area.x, y), area.w, head * 1.3f, p.text,
                    p.background, Role::Heading) + head * 0.5f;
    y += text_block(ctx, "idle.countdown", t.format("idle.countdown", {{"seconds", std::to_string(seconds_left)}}),
                    ImVec2(area.x, y), area.w, ctx.profile.body_px, p.text, p.background) + head;
    // One large button, as wide as the content and twice a target's height.
    const float h = std::max(ctx.profile.min_target_h * 2, ctx.profile.tile_label_px * 2.5f);
    tile(ctx, {"idle.continue", t.text("idle.continue"), "", "", {area.x, y, area.w, h}, p.tile, StillHere{}});
    ctx.end_page(y + h);
}

}  // namespace elder
