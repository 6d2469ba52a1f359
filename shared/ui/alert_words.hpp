#pragma once
// How an alert is named in words, the same on the home banner, the alert list and the interruption
// (ACCESSIBILITY.md: colour is never the only cue).
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n.hpp"
#include "core/models.hpp"
#include "widgets.hpp"

namespace elder {

// "橙色预警" from the Chinese colour level; the text of `fallback_key` when there is none.
std::string alert_level_words(const Catalogue& strings, const Alert& alert, std::string_view fallback_key);

// "橙色预警（严重）：寒潮预警": level, severity and event of the alert's first info.
std::string alert_title_words(const Catalogue& strings, const Alert& alert, std::string_view fallback_key);

// The lines of the banner for the most severe active alert (level and event, headline, how many
// more); none when no alert is active. The home page and the kiosk's attract screen show it.
std::vector<CardLine> alert_banner_lines(const PageContext& ctx);

}  // namespace elder
