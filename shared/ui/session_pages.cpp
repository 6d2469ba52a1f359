// A kiosk between visitors (the attract screen: the community, the time, the alerts, 点屏幕开始)
// and 20 s before an idle visitor's session ends (还需要更多时间吗？ with one large 继续使用).
#include <algorithm>

#include "alert_words.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

void draw_attract_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const Palette& p = ctx.palette;
    const float head = ctx.profile.heading_px;
    // The whole screen is the button: any touch starts.
    tile(ctx, {"attract.start", "", "", "", area, p.background, GoHome{}});
    float y = area.y + head;
    const std::string& name = ctx.state.data.site.value.community_name;
    y += text_block(ctx, "attract.community", name.empty() ? t.text("home.title") : name, ImVec2(area.x, y), area.w,
                    head * 1.3f, p.text, p.background, Role::Heading) + head * 0.5f;
    y += text_block(ctx, "attract.time", format_date(t, ctx.now) + " " + clock_words(t, ctx.now), ImVec2(area.x, y), area.w,
                    head, p.text, p.background) + head;
    const std::vector<CardLine> banner = alert_banner_lines(ctx);
    if (banner.empty())
        y += text_block(ctx, "attract.no_alerts", t.text("attract.no_alerts"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                        p.text_muted, p.background) + head;
    // The most severe alert's level, event and headline (the banner's "press here" line is not for
    // this screen: a touch anywhere starts), and how many there are.
    for (size_t i = 0; i < std::min<size_t>(banner.size(), 2); ++i)
        y += text_block(ctx, "attract.alert." + std::to_string(i), banner[i].text, ImVec2(area.x, y), area.w,
                        i == 0 ? head : ctx.profile.body_px, i == 0 ? p.accent : p.text, p.background, i == 0 ? Role::Heading : Role::Text);
    const size_t count = ctx.state.data.alerts.value.size();
    if (count > 1)
        y += text_block(ctx, "attract.alert_count", t.format("attract.alert_count", {{"count", std::to_string(count)}}),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, p.text, p.background);
    y += head;
    y += text_block(ctx, "attract.touch", t.text("attract.touch"), ImVec2(area.x, y), area.w, ctx.profile.tile_label_px, p.text,
                    p.background, Role::Heading);
    ctx.end_page(y);
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
