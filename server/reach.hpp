#pragma once
// Whether a warning reached people (issue 18): the households a severe alert is meant for, the
// receipts their devices and signed-in residents send (shown, then confirmed by 我知道了), and the
// figures staff watch: targeted, shown, confirmed, not yet, minute by minute since publication.
// A household counts as confirmed when any of its devices or members confirmed.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "event_log.hpp"

namespace elder::server {

constexpr int kCallListRank = 3;  // Severe and Extreme alerts put households on the call list

enum class ReceiptState { Shown, Confirmed };

// Inside the publishing transaction: a severe or extreme Actual alert is meant for every household
// staff keep (not archived); the list is kept as it was at that moment.
void target_households(Database& db, std::int64_t alert_id, int severity_rank, const std::string& status);

struct ReceiptAnswer {
    bool household_confirmed = false;  // by this device or another of the household's
};

// Records a receipt, once per alert and sender (`who`: "d:<device>" or "r:<resident>"); a repeat
// changes nothing, a confirmation after "shown" keeps the first time of each. Returns nothing when
// there is no such alert. `household_id` 0: a sender no household is known for. The household's
// first confirmation is an event for its own streams ("confirmed", {alert_id}): its other screens
// stop interrupting at once.
std::optional<ReceiptAnswer> record_receipt(Database& db, EventLog& events, std::int64_t alert_id, const std::string& who,
                                            std::int64_t household_id, ReceiptState state);

// The alert's reach now: {alert_id, published_at, targeted, shown, confirmed, not_yet, devices:
// {shown, confirmed}, by_minute: [{minute, shown, confirmed}]} (households; cumulative per minute
// since publication, up to now or the 24 hours after it). Nothing when there is no such alert.
std::optional<nlohmann::json> reach_of(Database& db, std::int64_t alert_id);

}  // namespace elder::server
