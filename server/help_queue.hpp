#pragma once
// The help queue as staff see it: a request with the household behind it, who claimed it, how long
// it has waited; the events staff streams receive; SOS not claimed in time marked overdue; and the
// time-to-claim and time-to-close figures. Requests go 待受理 received -> 已受理 accepted ->
// 处理中 in_progress -> 已办结 done (with an outcome); a claim is taking a request on.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "event_log.hpp"

namespace elder::server {

// Stores a new request (status received) with a fresh ticket; returns its id. `device_id` 0 and
// `phone` empty: none.
std::int64_t insert_help(Database& db, const std::string& owner, std::int64_t device_id, const std::string& kind,
                         const std::string& message, const std::string& phone);

// The staff stream's event for a request: what happened ("created", "claimed", "updated",
// "overdue") and the request's state; no personal data (the console asks for the detail).
nlohmann::json help_event(Database& db, std::int64_t id, const std::string& what);

// One request for the queue; `detail` adds the household, its devices, its past requests and the
// request's history.
nlohmann::json staff_help_json(Database& db, std::int64_t id, bool detail);

// Marks open SOS requests that nobody claimed within `deadline_s` as overdue and announces each
// (after the commit). Returns their ids.
std::vector<std::int64_t> mark_overdue_sos(Database& db, EventLog& events, int deadline_s);

// Time to claim and to close over the last `days` days: median, 90th percentile, count; plus what
// is open now.
nlohmann::json help_figures(Database& db, int days, int claim_deadline_s);

}  // namespace elder::server
