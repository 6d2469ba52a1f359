#include "reach.hpp"

#include <algorithm>
#include <map>

#include "cap.hpp"
#include "china_time.hpp"

namespace elder::server {
namespace {

constexpr std::int64_t kPlotMinutes = 24 * 60;

std::int64_t published_at(Database& db, std::int64_t alert_id, bool& found) {
    Statement s = db.prepare("SELECT created FROM alerts WHERE id = ?");
    found = s.bind(1, alert_id).step();
    if (!found) return 0;
    long long t = 0;
    return cap_time_to_epoch(s.text(0), t) ? t : 0;
}

}  // namespace

void target_households(Database& db, std::int64_t alert_id, int severity_rank, const std::string& status) {
    if (severity_rank < kCallListRank || status != "Actual") return;
    db.prepare("INSERT INTO alert_targets (alert_id, household_id) SELECT ?, id FROM households WHERE archived = 0")
        .bind(1, alert_id).run();
}

namespace {

bool household_confirmed(Database& db, std::int64_t alert_id, std::int64_t household_id) {
    return db.prepare("SELECT 1 FROM alert_receipts WHERE alert_id = ? AND household_id = ? AND confirmed_at IS NOT NULL")
        .bind(1, alert_id).bind(2, household_id).step();
}

}  // namespace

std::optional<ReceiptAnswer> record_receipt(Database& db, EventLog& events, std::int64_t alert_id, const std::string& who,
                                            std::int64_t household_id, ReceiptState state) {
    // One idempotent upsert: replicas write receipts side by side (a city-wide alert's peak of
    // confirmations, docs/PERFORMANCE.md); only the household's first confirmation, an event, waits
    // for the write lock. Two devices of one household confirming at once on two replicas may both
    // announce it: the apps take "confirmed" twice as once.
    Transaction tx(db, WriteLock::AtFirstEvent);
    if (!db.prepare("SELECT 1 FROM alerts WHERE id = ?").bind(1, alert_id).step()) return std::nullopt;
    const bool before = household_id && household_confirmed(db, alert_id, household_id);
    // A receipt that changes nothing (sent again after a lost answer, or "shown" after "confirmed")
    // writes nothing: no commit, no disk sync.
    Statement kept = db.prepare("SELECT confirmed_at IS NOT NULL, household_id IS NOT NULL FROM alert_receipts WHERE alert_id = ? AND who = ?");
    if (kept.bind(1, alert_id).bind(2, who).step() && (state == ReceiptState::Shown || kept.integer(0)) &&
        (kept.integer(1) || !household_id)) {
        ReceiptAnswer unchanged;
        unchanged.household_confirmed = household_id ? before : kept.integer(0) != 0;
        return unchanged;
    }
    const std::int64_t now = now_s();
    Statement upsert = db.prepare(
        "INSERT INTO alert_receipts (alert_id, who, household_id, shown_at, confirmed_at) VALUES (?1, ?2, ?3, ?4, ?5) "
        "ON CONFLICT (alert_id, who) DO UPDATE SET shown_at = COALESCE(alert_receipts.shown_at, excluded.shown_at), "
        "confirmed_at = COALESCE(alert_receipts.confirmed_at, excluded.confirmed_at), "
        "household_id = COALESCE(alert_receipts.household_id, excluded.household_id)");
    upsert.bind(1, alert_id).bind(2, who);
    if (household_id) upsert.bind(3, household_id); else upsert.bind_null(3);
    upsert.bind(4, now);  // a confirmation is also a showing
    if (state == ReceiptState::Confirmed) upsert.bind(5, now); else upsert.bind_null(5);
    upsert.run();
    ReceiptAnswer answer;
    answer.household_confirmed = household_id ? household_confirmed(db, alert_id, household_id) : state == ReceiptState::Confirmed;
    std::optional<AlertEvent> event;
    if (household_id && answer.household_confirmed && !before)
        event = events.record("confirmed", {{"alert_id", alert_id}}, Audience::Household, household_id);
    tx.commit();
    if (event) events.announce(*event);
    return answer;
}

std::optional<nlohmann::json> reach_of(Database& db, std::int64_t alert_id) {
    bool found = false;
    const std::int64_t start = published_at(db, alert_id, found);
    if (!found) return std::nullopt;
    // Each targeted household's first showing and first confirmation, on any of its devices or members.
    Statement s = db.prepare(
        "SELECT t.household_id, MIN(r.shown_at), MIN(r.confirmed_at) FROM alert_targets t "
        "LEFT JOIN alert_receipts r ON r.alert_id = t.alert_id AND r.household_id = t.household_id "
        "WHERE t.alert_id = ? GROUP BY t.household_id");
    s.bind(1, alert_id);
    std::int64_t targeted = 0, shown = 0, confirmed = 0;
    std::map<std::int64_t, std::int64_t> shown_in, confirmed_in;  // minute -> households first then
    const auto minute = [&](std::int64_t t) { return std::clamp<std::int64_t>((t - start) / 60, 0, kPlotMinutes); };
    while (s.step()) {
        ++targeted;
        if (!s.is_null(1)) ++shown, ++shown_in[minute(s.integer(1))];
        if (!s.is_null(2)) ++confirmed, ++confirmed_in[minute(s.integer(2))];
    }
    Statement d = db.prepare("SELECT COUNT(shown_at), COUNT(confirmed_at) FROM alert_receipts WHERE alert_id = ?");
    d.bind(1, alert_id).step();
    nlohmann::json plot = nlohmann::json::array();
    const std::int64_t last = std::clamp<std::int64_t>((now_s() - start) / 60, 0, kPlotMinutes);
    std::int64_t shown_so_far = 0, confirmed_so_far = 0;
    for (std::int64_t m = 0; m <= last; ++m) {
        shown_so_far += shown_in.count(m) ? shown_in[m] : 0;
        confirmed_so_far += confirmed_in.count(m) ? confirmed_in[m] : 0;
        plot.push_back({{"minute", m}, {"shown", shown_so_far}, {"confirmed", confirmed_so_far}});
    }
    return nlohmann::json{{"alert_id", alert_id}, {"published_at", iso_from_epoch(start)}, {"targeted", targeted},
                          {"shown", shown}, {"confirmed", confirmed}, {"not_yet", targeted - confirmed},
                          {"devices", {{"shown", d.integer(0)}, {"confirmed", d.integer(1)}}}, {"by_minute", plot}};
}

}  // namespace elder::server
