#pragma once
// The call and visit lists (issue 18): a household that did not confirm a severe alert within the
// site's time, or did not check in (报平安) by its deadline, is put on the list; staff call, then
// visit, then ring the emergency contact, and record each attempt's outcome:
//   reached_fine  - reached, all well: the household leaves the list;
//   needs_help    - reached, needs help: a help request is opened for the desk; it leaves the list;
//   no_answer     - the next step: call -> visit -> emergency contact (which stays until reached).
// A household leaves the list only with an outcome; a late confirmation or check-in is shown on
// its row, not taken as one. Lists put those living alone (独居) and flagged 重点关注 first.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "event_log.hpp"

namespace elder::server {

// The periodic checks: households of severe alerts published more than `call_after_s` ago (and
// still active) without a confirmation; households whose check-in deadline passed today without a
// check-in and who are not away. Returns how many were put on the list; each is announced to
// staff streams ("follow_up") after the commit.
int open_follow_ups(Database& db, EventLog& events, int call_after_s);

// GET /staff/follow-ups filters: kind "alert" / "check_in" / "" (both), stage "" or one, open or
// closed, one alert.
struct FollowUpFilter {
    std::string kind, stage;
    bool open = true;
    std::int64_t alert_id = 0;
    std::int64_t limit = 100;
};
nlohmann::json follow_up_list(Database& db, const FollowUpFilter& filter);
std::optional<nlohmann::json> follow_up_json(Database& db, std::int64_t id);

bool valid_outcome(const std::string& outcome);
bool valid_stage(const std::string& stage);

// Records one attempt by `staff_id`; answers the follow-up as it is after it, or nothing when there
// is no such follow-up, or sets `closed` when it was closed already.
std::optional<nlohmann::json> record_outcome(Database& db, EventLog& events, std::int64_t id, const std::string& outcome,
                                             const std::string& note, std::int64_t staff_id, bool& closed);

}  // namespace elder::server
