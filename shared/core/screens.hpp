#pragma once
// The screens of the app, the eight home tiles that lead to them, and routes: a screen plus the
// item it shows (which category, which policy), so that Back and focus memory work per item.
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace elder {

enum class Screen {
    Home,
    Policies,       // categories
    PolicyList,     // arg: category id
    PolicyDetail,   // arg: policy id
    Search,         // policies and guides by pinyin initials
    Guides,         // themes
    GuideList,      // arg: theme
    GuideDetail,    // arg: guide id
    Appointments,
    Alerts,
    Activities,
    ActivityDetail, // arg: activity id
    Contacts,
    Sos,
    Settings,
    GuideQr,        // arg: guide id; a QR code that opens the guide on a phone
    BookDate,       // arg: schedule id; the next 14 days
    BookSlot,       // arg: "schedule id/date"; the day's times
    BookWho,        // arg: slot id; name, phone, ID number
    BookReview,     // arg: slot id; everything once more, then 确认预约
    Ticket,         // arg: appointment id; code, time, place, materials, QR
    MyAppointments,
    CancelConfirm,  // arg: appointment id
    SignIn,         // phone + one-time code (browser, kiosk)
    SosConfirm,     // the second, deliberate step of an SOS
    HelpForm,       // arg: kind (repair, complaint, callback)
    HelpSent,       // arg: help request id; the ticket number
    MyRequests,
    Attract,        // a kiosk between visitors: the community, the time, the alerts, 点屏幕开始
};
constexpr Screen kLastScreen = Screen::Attract;

struct Route {
    Screen screen = Screen::Home;
    std::string arg;  // which item the screen shows; "" for top-level screens
    bool operator==(const Route& o) const { return screen == o.screen && arg == o.arg; }
    bool operator!=(const Route& o) const { return !(*this == o); }
    std::string key() const;  // "policy_detail/12": names its remembered focus and scroll
};

struct HomeTile {
    Screen screen;
    std::string_view label_key;  // i18n key of the tile's label
    std::string_view hint_key;   // i18n key of the one-line description under it
};

// In the order residents see them; number key N opens tile N (1-based).
const std::array<HomeTile, 8>& home_tiles();

// Stable machine name ("home", "policy_detail", ...) used in reports and tests.
std::string_view screen_name(Screen screen);

// "guide_detail/1" (Route::key) back into a route; nothing for unknown screens.
std::optional<Route> parse_route(std::string_view key);

// The i18n key of a screen's title.
std::string_view screen_title_key(Screen screen);

}  // namespace elder
