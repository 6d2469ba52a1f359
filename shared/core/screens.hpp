#pragma once
// Screens and routes: a screen plus the item it shows (which category, which policy), so that Back
// and focus memory work per item. The screens themselves are declared in core/page_list.hpp.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "page_list.hpp"

namespace elder {

#define ELDER_SCREEN_ID(id, name, title, tile, who, opened, draw) id,
enum class Screen { ELDER_PAGES(ELDER_SCREEN_ID) };
#undef ELDER_SCREEN_ID

struct Route {
    Screen screen = Screen::Home;
    std::string arg;  // which item the screen shows; "" for top-level screens
    bool operator==(const Route& o) const { return screen == o.screen && arg == o.arg; }
    bool operator!=(const Route& o) const { return !(*this == o); }
    std::string key() const;  // "policy_detail/12": names its remembered focus and scroll
};

struct HomeTile {
    Screen screen;
    std::string label_key;  // i18n key of the tile's label: "tile.<name>"
    std::string hint_key;   // i18n key of the one-line description under it
};

// In the order residents see them; number key N opens tile N (1-based).
const std::vector<HomeTile>& home_tiles();

// Stable machine name ("home", "policy_detail", ...) used in reports and tests.
std::string_view screen_name(Screen screen);

// "guide_detail/1" (Route::key) back into a route; nothing for unknown screens.
std::optional<Route> parse_route(std::string_view key);

// The i18n key of a screen's title.
std::string_view screen_title_key(Screen screen);

}  // namespace elder
