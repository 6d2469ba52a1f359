#include "alert_words.hpp"

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

}  // namespace elder
