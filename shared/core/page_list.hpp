#pragma once
// Every page of the app, declared once, one row each. Adding a page is a row here plus the file
// that draws it (and its strings): the screen id, the name, the title, the home tile, the sign-in
// rule, what opening it fetches and the draw function all come from this row (core/pages.hpp and
// ui/page_views.cpp expand it).
//
//   PAGE(Id, name, title key, tile, who, opened, draw)
//     Id      Screen::Id
//     name    the page's machine name: ?open= / --open, reports, tests ("policy_detail/12" with its item)
//     title   i18n key of the title its header shows
//     tile    its place among the home tiles, 1-based (number key N opens tile N); 0: no tile.
//             A tile's words are "tile.<name>" and "tile.<name>.hint" in the catalogues.
//     who     Anyone, or Identified: personal data, so the resident signs in first where the surface
//             signs residents in (a bound box acts for its household instead)
//     opened  core function run when the page opens (what it fetches): void(State&, const Route&, effects)
//     draw    ui function that draws it: void(PageContext&)
//
// The route's item ("arg") is noted after the row where a page shows one item.
#define ELDER_PAGES(PAGE)                                                                                         \
    PAGE(Home, "home", "home.title", 0, Anyone, opens_nothing, draw_home_page)                                   \
    PAGE(Policies, "policies", "tile.policies", 1, Anyone, opens_nothing, draw_policy_categories_page)          \
    PAGE(PolicyList, "policy_list", "tile.policies", 0, Anyone, opens_nothing, draw_policy_list_page) /* category */ \
    PAGE(PolicyDetail, "policy_detail", "tile.policies", 0, Anyone, open_policy, draw_policy_detail_page) /* id */ \
    PAGE(Search, "search", "search.title", 0, Anyone, opens_nothing, draw_search_page)                          \
    PAGE(Guides, "guides", "tile.guides", 2, Anyone, opens_nothing, draw_guide_themes_page)                     \
    PAGE(GuideList, "guide_list", "tile.guides", 0, Anyone, opens_nothing, draw_guide_list_page) /* theme */    \
    PAGE(GuideDetail, "guide_detail", "tile.guides", 0, Anyone, opens_nothing, draw_guide_detail_page) /* id */ \
    PAGE(Appointments, "appointments", "tile.appointments", 3, Anyone, open_appointments, draw_appointments_page) \
    PAGE(Alerts, "alerts", "tile.alerts", 4, Anyone, open_alerts, draw_alerts_page)                              \
    PAGE(Activities, "activities", "tile.activities", 5, Anyone, opens_nothing, draw_activities_page)           \
    PAGE(ActivityDetail, "activity_detail", "tile.activities", 0, Anyone, opens_nothing, draw_activity_detail_page) \
    PAGE(Contacts, "contacts", "tile.contacts", 6, Anyone, opens_nothing, draw_contacts_page)                   \
    PAGE(Sos, "sos", "tile.sos", 7, Anyone, open_help, draw_sos_page)                                            \
    PAGE(Settings, "settings", "tile.settings", 8, Anyone, opens_nothing, draw_settings_page)                   \
    PAGE(Notices, "notices", "tile.notices", 9, Anyone, opens_nothing, draw_notices_page)                       \
    PAGE(GuideQr, "guide_qr", "tile.guides", 0, Anyone, opens_nothing, draw_guide_qr_page) /* guide id */       \
    PAGE(BookDate, "book_date", "tile.appointments", 0, Anyone, open_book_date, draw_book_date_page) /* schedule */ \
    PAGE(BookSlot, "book_slot", "tile.appointments", 0, Anyone, open_book_slot, draw_book_slot_page) /* schedule/date */ \
    PAGE(BookWho, "book_who", "tile.appointments", 0, Identified, open_book_who, draw_book_who_page) /* slot */ \
    PAGE(BookReview, "book_review", "tile.appointments", 0, Identified, open_book_review, draw_book_review_page) /* slot */ \
    PAGE(Ticket, "ticket", "ticket.title", 0, Identified, open_ticket, draw_ticket_page) /* appointment */ \
    PAGE(MyAppointments, "my_appointments", "mine.title", 0, Identified, open_my_appointments, draw_my_appointments_page) \
    PAGE(CancelConfirm, "cancel_confirm", "mine.title", 0, Identified, opens_nothing, draw_cancel_confirm_page) /* appointment */ \
    PAGE(SignIn, "sign_in", "sign_in.title", 0, Anyone, open_sign_in, draw_sign_in_page)                         \
    PAGE(SosConfirm, "sos_confirm", "tile.sos", 0, Identified, open_help, draw_sos_confirm_page)                 \
    PAGE(HelpForm, "help_form", "tile.sos", 0, Identified, open_help, draw_help_form_page) /* kind */            \
    PAGE(HelpSent, "help_sent", "tile.sos", 0, Anyone, opens_nothing, draw_help_sent_page) /* help request */    \
    PAGE(MyRequests, "my_requests", "requests.title", 0, Identified, open_my_requests, draw_my_requests_page)    \
    PAGE(Attract, "attract", "home.title", 0, Anyone, opens_nothing, draw_attract_page) /* a kiosk between visitors */
