#pragma once
// The screens of the app and the eight home tiles that lead to them.
#include <array>
#include <string_view>

namespace elder {

enum class Screen {
    Home,
    Policies,
    Guides,
    Appointments,
    Alerts,
    Activities,
    Contacts,
    Sos,
    Settings,
};
constexpr int kScreenCount = 9;

struct HomeTile {
    Screen screen;
    std::string_view label_key;  // i18n key of the tile's label
    std::string_view hint_key;   // i18n key of the one-line description under it
};

// In the order residents see them; number key N opens tile N (1-based).
const std::array<HomeTile, 8>& home_tiles();

// Stable machine name ("home", "policies", ...) used in reports and tests.
std::string_view screen_name(Screen screen);

// The i18n key of a screen's title.
std::string_view screen_title_key(Screen screen);

}  // namespace elder
