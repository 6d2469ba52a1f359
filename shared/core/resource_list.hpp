#pragma once
// Every remote resource the app shows, declared once, one row each: the slot in DataState, the type
// it decodes into (codecs.hpp), the API path, how it pages and when it is fetched. Every one of them
// goes the same way (data_reducer.cpp): the offline copy first, then the server with If-None-Match,
// retries with backoff, all pages before anything is replaced. Adding a resource is a row here (and
// its model and decoder when it is a new kind of data).
//
//   RESOURCE(Id, member, type, path, paging, when)
//     Id      Resource::Id
//     member  its slot in DataState (a Remote<type>); also its name in reports and its cache key
//     path    the API path of its first page
//     paging  Whole (one answer) or Cursor (?limit=100, then next_cursor until the last page)
//     when    AtStart (fetched at start and refreshed every 10 minutes and on `changed`) or
//             OnDemand (first fetched when a page that shows it opens, then refreshed likewise)
#define ELDER_RESOURCES(RESOURCE)                                                                                      \
    RESOURCE(Site, site, Site, "/api/v1/site", Whole, AtStart)                                                         \
    RESOURCE(Alerts, alerts, std::vector<Alert>, "/api/v1/alerts", Whole, AtStart) /* active, most severe first */    \
    RESOURCE(Categories, categories, std::vector<PolicyCategory>, "/api/v1/policy-categories", Whole, AtStart)         \
    RESOURCE(Policies, policies, std::vector<Policy>, "/api/v1/policies", Cursor, AtStart) /* newest first */          \
    RESOURCE(Guides, guides, std::vector<Guide>, "/api/v1/guides", Cursor, AtStart)                                    \
    RESOURCE(Contacts, contacts, std::vector<Contact>, "/api/v1/contacts", Whole, AtStart)                             \
    RESOURCE(Activities, activities, std::vector<Activity>, "/api/v1/activities", Cursor, AtStart)                     \
    RESOURCE(Notices, notices, std::vector<Notice>, "/api/v1/notices", Cursor, AtStart) /* 社区公告, pinned first */     \
    RESOURCE(AlertHistory, alert_history, std::vector<Alert>, "/api/v1/alerts?history=true&limit=50", Whole, OnDemand) \
    RESOURCE(Schedules, schedules, std::vector<Schedule>, "/api/v1/schedules", Whole, OnDemand) /* bookable services */

// One policy's full text, by id (Resource::Policy; DataState::policy_details).
#define ELDER_POLICY_PATH "/api/v1/policies/"
// The live stream of alerts and changes (server-sent events; platform/event_stream_*.cpp).
#define ELDER_STREAM_PATH "/api/v1/alerts/stream"

// The requests made for the person or the box (signing in, booking, asking for help): never cached,
// never retried behind their back (effects.hpp: HttpSend, answered by CallDone), but for alert
// receipts: they are small, idempotent and nobody waits for them, so they wait in a queue and are
// sent again until the server has them (reach_reducer.cpp). "{id}" is the item
// the call is about (HttpSend::ref); the answer goes to the reducer named last (reducer.cpp).
//
//   CALL(Id, method, path, owner)
#define ELDER_CALLS(CALL)                                                     \
    CALL(RegisterDevice, "POST", "/api/v1/devices", Account)                  \
    CALL(DeviceStatus, "GET", "/api/v1/devices/me", Account)                  \
    CALL(SendCode, "POST", "/api/v1/auth/otp", Account)                       \
    CALL(SignIn, "POST", "/api/v1/auth/token", Account)                       \
    CALL(SignOut, "POST", "/api/v1/auth/logout", Account)                     \
    CALL(Slots, "GET", "/api/v1/schedules/{id}/slots", Booking)               \
    CALL(Book, "POST", "/api/v1/appointments", Booking)                       \
    CALL(Appointments, "GET", "/api/v1/appointments", Booking)                \
    CALL(Cancel, "POST", "/api/v1/appointments/{id}/cancel", Booking)         \
    CALL(Restore, "POST", "/api/v1/appointments/{id}/restore", Booking)       \
    CALL(AskHelp, "POST", "/api/v1/help-requests", Help)                      \
    CALL(HelpRequests, "GET", "/api/v1/help-requests", Help)                  \
    CALL(SendReceipt, "POST", "/api/v1/alerts/{id}/receipts", Reach) /* queued, sent again until the server has it */ \
    CALL(CheckInStatus, "GET", "/api/v1/check-in", Reach)                     \
    CALL(CheckIn, "POST", "/api/v1/check-ins", Reach)
