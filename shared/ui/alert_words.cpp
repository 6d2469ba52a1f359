#include "alert_words.hpp"

#include "widgets.hpp"

namespace elder {

std::string alert_level_words(const Catalogue& t, const Alert& alert, std::string_view fallback_key) {
    const std::string level_key = "alerts.level." + alert.colour_level;
    if (alert.colour_level.empty() || !t.has(level_key)) return t.text(fallback_key);
    return t.format("alerts.banner_level", {{"level", t.text(level_key)}});
}

std::string alert_title_words(const Catalogue& t, const Alert& alert, std::string_view fallback_key) {
    const AlertInfo& info = alert.infos.front();
    const std::string severity_key = "alerts.severity." + info.severity;
    const std::string severity = t.text(t.has(severity_key) ? severity_key : "alerts.severity.Unknown");
    return t.format("alerts.title_line",
                    {{"level", alert_level_words(t, alert, fallback_key)}, {"severity", severity}, {"event", info.event}});
}

std::vector<CardLine> alert_banner_lines(const PageContext& ctx) {
    const auto& alerts = ctx.state.data.alerts.value;
    if (alerts.empty() || alerts.front().infos.empty()) return {};
    const Alert& a = alerts.front();
    const AlertInfo& info = a.infos.front();
    const auto& t = ctx.strings;
    const float px = ctx.profile.body_px;
    std::vector<CardLine> lines{{t.format("alerts.banner_title", {{"level", alert_level_words(t, a, "alerts.banner_notice")}, {"event", info.event}}), px}, {info.headline, px}};
    if (alerts.size() > 1)
        lines.push_back({t.format(ctx.acting("alerts.banner_more"), {{"count", std::to_string(alerts.size() - 1)}}), px, true});
    return lines;
}

}  // namespace elder
