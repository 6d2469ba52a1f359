#include "screens.hpp"

namespace elder {

const std::array<HomeTile, 8>& home_tiles() {
    static const std::array<HomeTile, 8> tiles{{
        {Screen::Policies, "tile.policies", "tile.policies.hint"},
        {Screen::Guides, "tile.guides", "tile.guides.hint"},
        {Screen::Appointments, "tile.appointments", "tile.appointments.hint"},
        {Screen::Alerts, "tile.alerts", "tile.alerts.hint"},
        {Screen::Activities, "tile.activities", "tile.activities.hint"},
        {Screen::Contacts, "tile.contacts", "tile.contacts.hint"},
        {Screen::Sos, "tile.sos", "tile.sos.hint"},
        {Screen::Settings, "tile.settings", "tile.settings.hint"},
    }};
    return tiles;
}

std::string_view screen_name(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home";
        case Screen::Policies: return "policies";
        case Screen::PolicyList: return "policy_list";
        case Screen::PolicyDetail: return "policy_detail";
        case Screen::Search: return "search";
        case Screen::Guides: return "guides";
        case Screen::GuideList: return "guide_list";
        case Screen::GuideDetail: return "guide_detail";
        case Screen::Appointments: return "appointments";
        case Screen::Alerts: return "alerts";
        case Screen::Activities: return "activities";
        case Screen::ActivityDetail: return "activity_detail";
        case Screen::Contacts: return "contacts";
        case Screen::Sos: return "sos";
        case Screen::Settings: return "settings";
        case Screen::GuideQr: return "guide_qr";
        case Screen::BookDate: return "book_date";
        case Screen::BookSlot: return "book_slot";
        case Screen::BookWho: return "book_who";
        case Screen::BookReview: return "book_review";
        case Screen::Ticket: return "ticket";
        case Screen::MyAppointments: return "my_appointments";
        case Screen::CancelConfirm: return "cancel_confirm";
        case Screen::SignIn: return "sign_in";
        case Screen::SosConfirm: return "sos_confirm";
        case Screen::HelpForm: return "help_form";
        case Screen::HelpSent: return "help_sent";
        case Screen::MyRequests: return "my_requests";
        case Screen::Attract: return "attract";
    }
    return "unknown";
}

std::string_view screen_title_key(Screen screen) {
    switch (screen) {
        case Screen::Home: return "home.title";
        case Screen::PolicyList:
        case Screen::PolicyDetail: return "tile.policies";
        case Screen::Search: return "search.title";
        case Screen::GuideList:
        case Screen::GuideDetail:
        case Screen::GuideQr: return "tile.guides";
        case Screen::ActivityDetail: return "tile.activities";
        case Screen::BookDate:
        case Screen::BookSlot:
        case Screen::BookWho:
        case Screen::BookReview: return "tile.appointments";
        case Screen::Ticket: return "ticket.title";
        case Screen::MyAppointments:
        case Screen::CancelConfirm: return "mine.title";
        case Screen::SignIn: return "sign_in.title";
        case Screen::SosConfirm:
        case Screen::HelpForm:
        case Screen::HelpSent: return "tile.sos";
        case Screen::MyRequests: return "requests.title";
        default: break;
    }
    for (const HomeTile& tile : home_tiles())
        if (tile.screen == screen) return tile.label_key;
    return "home.title";
}

std::string Route::key() const {
    std::string k(screen_name(screen));
    if (!arg.empty()) k += "/" + arg;
    return k;
}

std::optional<Route> parse_route(std::string_view key) {
    const size_t slash = key.find('/');
    const std::string_view name = key.substr(0, slash);
    for (int i = 0; i <= static_cast<int>(kLastScreen); ++i) {
        const auto screen = static_cast<Screen>(i);
        if (screen_name(screen) == name)
            return Route{screen, slash == std::string_view::npos ? "" : std::string(key.substr(slash + 1))};
    }
    return std::nullopt;
}

}  // namespace elder
