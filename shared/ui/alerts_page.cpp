// 通知提醒: every active alert, most severe first: its level and severity in words (never colour
// alone), what happened, where, until when, and what to do. OK reads an alert aloud.
#include "alert_words.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

std::vector<CardLine> alert_lines(const PageContext& ctx, const Alert& a) {
    const auto& t = ctx.strings;
    const AlertInfo& info = a.infos.front();
    std::string areas;
    for (const std::string& area : info.areas) areas += (areas.empty() ? "" : "、") + area;
    const float px = ctx.profile.body_px;
    return {
        {alert_title_words(t, a, "alerts.banner_notice"), ctx.profile.heading_px},
        {info.headline, px},
        {info.instruction.empty() ? "" : t.format("alerts.instruction", {{"text", info.instruction}}), px},
        {areas.empty() ? "" : t.format("alerts.area", {{"area", areas}}), px, true},
        {info.expires.empty() ? "" : t.format("alerts.until", {{"when", ctx.moment(info.expires)}}), px, true},
        // Confirmed on another of the household's screens: why it did not interrupt here (issue 18).
        {ctx.state.receipts.confirmed_elsewhere.count(a.id) ? t.text("alerts.confirmed_elsewhere") : "", px, true},
    };
}

// 以往的提醒: what has ended or was called off, newest first, one line each (OK reads it aloud).
float past_alerts(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const float top = y;
    bool heading = false;
    for (const Alert& a : ctx.state.data.alert_history.value) {
        if (a.active || a.infos.empty()) continue;
        if (!heading) {
            y += ctx.profile.gap * 0.5f;
            y += text_block(ctx, "alerts.past", t.text("alerts.past"), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                            ctx.palette.accent, ctx.palette.background, Role::Heading) + ctx.profile.body_px * 0.5f;
            heading = true;
        }
        const std::string ended = t.format("alerts.ended", {{"when", ctx.moment(a.sent)}});
        const std::string title = alert_title_words(t, a, "alerts.banner_notice");
        const std::string stop = t.text("text.stop");
        y += list_row(ctx, {"alert.past." + std::to_string(a.id), title, a.infos.front().headline + "  " + ended, "", area.x, y,
                            area.w, ReadAloud{title + stop + a.infos.front().headline + stop + ended}}) + ctx.profile.gap * 0.5f;
    }
    return y - top;
}

}  // namespace

void draw_alerts_page(PageContext& ctx) {
    const Rect area = ctx.content();
    float y = page_header(ctx, ctx.strings.text("tile.alerts"));
    const auto& alerts = ctx.state.data.alerts;
    y += data_notice(ctx, alerts.fetch, alerts.value.empty(), "alerts.empty", y);
    for (const Alert& a : alerts.value) {
        if (a.infos.empty()) continue;
        const std::vector<CardLine> lines = alert_lines(ctx, a);
        std::string spoken;
        for (const CardLine& l : lines)
            if (!l.text.empty()) spoken += l.text + ctx.strings.text("text.stop");
        y += card(ctx, "alert." + std::to_string(a.id), lines, area.x, y, area.w, ReadAloud{spoken});
        y += ctx.profile.gap * 0.5f;
    }
    y += past_alerts(ctx, y);
    ctx.end_page(y);
}

}  // namespace elder
