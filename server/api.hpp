#pragma once
// The REST API (shared/api/openapi.yaml), one file per resource.
#include "alerts.hpp"
#include "auth.hpp"
#include "database.hpp"
#include "offload.hpp"
#include "id_numbers.hpp"
#include "router.hpp"

namespace elder::server {

void add_site_routes(Router& router, Database& db);
void add_policy_routes(Router& router, Database& db);
void add_content_routes(Router& router, Database& db);   // guides, contacts, activities
void add_schedule_routes(Router& router, Database& db);  // schedules and slots
// `dev_otp`: also GET /api/v1/dev/otp, which tells the last code sent to a phone (tests only).
void add_auth_routes(Router& router, Database& db, Auth& auth, bool dev_otp);
// A cancellation can be restored for `undo_window_s` seconds (0: never); ID numbers are kept as
// `id_numbers` says.
void add_appointment_routes(Router& router, Database& db, Auth& auth, const IdNumbers& id_numbers, int undo_window_s);
// CAP documents are parsed on `offload`'s worker.
void add_alert_routes(Router& router, Alerts& alerts, Auth& auth, Offload& offload);
void add_help_routes(Router& router, Database& db, Auth& auth);
// Policies and slots; a change to the policies is announced on the stream through `alerts`.
void add_staff_content_routes(Router& router, Database& db, Auth& auth, Alerts& alerts);

}  // namespace elder::server
