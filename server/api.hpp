#pragma once
// The REST API (shared/api/openapi.yaml), one file per resource.
#include "alerts.hpp"
#include "auth.hpp"
#include "database.hpp"
#include "offload.hpp"
#include "id_numbers.hpp"
#include "router.hpp"
#include "staff_auth.hpp"

namespace elder::server {

void add_site_routes(Router& router, Database& db, const std::string& public_url);
void add_policy_routes(Router& router, Database& db);
void add_content_routes(Router& router, Database& db);   // guides, contacts, activities
void add_notice_routes(Router& router, Database& db);    // community notices (社区公告)
void add_schedule_routes(Router& router, Database& db);  // schedules and slots
// `dev_otp`: also GET /api/v1/dev/otp, which tells the last code sent to a phone (tests only).
void add_auth_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, bool dev_otp);
// A cancellation can be restored for `undo_window_s` seconds (0: never); ID numbers are kept as
// `id_numbers` says.
void add_appointment_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, const IdNumbers& id_numbers,
                            int undo_window_s);
// CAP documents are parsed on `offload`'s worker.
void add_alert_routes(Router& router, Database& db, Alerts& alerts, EventLog& events, Auth& auth, StaffAuth& staff, Offload& offload);
// A new request is announced to staff streams through `events`.
void add_help_routes(Router& router, Database& db, Auth& auth, EventLog& events);
// The staff side: the queue, claims, status, notes, transfer, reopen; each change is announced.
// `claim_deadline_s`: an SOS unclaimed this long is overdue (figures count SOS claimed within it).
void add_help_queue_routes(Router& router, Database& db, StaffAuth& staff, EventLog& events, int claim_deadline_s);
// Opening booking slots.
void add_staff_slot_routes(Router& router, Database& db, StaffAuth& staff);
// Devices (admins); `stream_connected(id)` says whether a device's alert stream is open now.
// The daily check-in (residents) and the call and visit lists (the help desk) (issue 18).
void add_follow_up_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, EventLog& events);
// Households: staff read and manage them (issue 18).
void add_household_routes(Router& router, Database& db, StaffAuth& staff, EventLog& events);
// `streams`: whether a device's alert stream is connected now; ending a device's streams when its
// household changes.
struct DeviceStreams {
    std::function<bool(std::int64_t)> connected;
    std::function<void(std::int64_t)> hang_up;
};
void add_staff_device_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, DeviceStreams streams);
// The counter's day: appointments, check-in, slots with who is booked, closing a slot.
void add_staff_appointment_routes(Router& router, Database& db, StaffAuth& staff, Alerts& alerts);
// Drafts of policies, guides, contacts, activities and notices, published by a second person; withdrawal.
void add_draft_routes(Router& router, Database& db, StaffAuth& staff, Alerts& alerts);
// Staff sign-in and sessions, accounts (admins), the audit log. Passwords are checked on `offload`.
void add_staff_account_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, Offload& offload);

}  // namespace elder::server
