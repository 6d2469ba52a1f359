#pragma once
// One function per page; each draws the whole display for the current state.
#include <string>

#include "page_context.hpp"

namespace elder {

void draw_home_page(PageContext& ctx);
void draw_policy_categories_page(PageContext& ctx);
void draw_policy_list_page(PageContext& ctx);    // route arg: category id
void draw_policy_detail_page(PageContext& ctx);  // route arg: policy id
void draw_search_page(PageContext& ctx);
void draw_guide_themes_page(PageContext& ctx);
void draw_guide_list_page(PageContext& ctx);     // route arg: theme
void draw_guide_detail_page(PageContext& ctx);   // route arg: guide id
// `site_url`: where phones open the browser build (the community server's address).
void draw_guide_qr_page(PageContext& ctx, const std::string& site_url);
void draw_contacts_page(PageContext& ctx);
void draw_alerts_page(PageContext& ctx);
// Over any page while a severe alert waits for 我知道了 (interrupting_alert in core/state.hpp).
void draw_interruption_page(PageContext& ctx, const Alert& alert);
void draw_activities_page(PageContext& ctx);
void draw_activity_detail_page(PageContext& ctx);  // route arg: activity id
void draw_settings_page(PageContext& ctx);
// Booking (booking_pages.cpp, booking_form_pages.cpp, ticket_pages.cpp) and signing in.
void draw_appointments_page(PageContext& ctx);
void draw_book_date_page(PageContext& ctx);    // route arg: schedule id
void draw_book_slot_page(PageContext& ctx);    // route arg: "schedule id/date"
void draw_book_who_page(PageContext& ctx);     // route arg: slot id
void draw_book_review_page(PageContext& ctx);  // route arg: slot id
void draw_ticket_page(PageContext& ctx);       // route arg: appointment id
void draw_my_appointments_page(PageContext& ctx);
void draw_cancel_confirm_page(PageContext& ctx);  // route arg: appointment id
void draw_sign_in_page(PageContext& ctx);
// Kiosk sessions (session_pages.cpp): between visitors, and 20 s before an idle session ends.
void draw_attract_page(PageContext& ctx);
void draw_idle_warning_page(PageContext& ctx, int seconds_left);
// Help (help_pages.cpp)
void draw_sos_page(PageContext& ctx);
void draw_sos_confirm_page(PageContext& ctx);
void draw_help_form_page(PageContext& ctx);   // route arg: kind
void draw_help_sent_page(PageContext& ctx);   // route arg: help request id
void draw_my_requests_page(PageContext& ctx);

}  // namespace elder
