#include "follow_ups.hpp"

#include <map>
#include <vector>

#include "china_time.hpp"
#include "help_queue.hpp"
#include "households.hpp"
#include "reach.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr std::int64_t kAlertCallWindowS = 24 * 3600;  // an alert older than this opens no more calls

std::string next_stage(const std::string& stage) {
    if (stage == "call") return "visit";
    return "emergency_contact";  // after a visit; and it stays there until someone is reached
}

json event_of(Database& db, std::int64_t id, const std::string& what) {
    Statement s = db.prepare("SELECT kind, stage, alert_id, day, closed_at FROM follow_ups WHERE id = ?");
    s.bind(1, id).step();
    return {{"id", id}, {"what", what}, {"kind", s.text(0)}, {"stage", s.text(1)},
            {"alert_id", s.is_null(2) ? json(nullptr) : json(s.integer(2))}, {"day", s.is_null(3) ? json(nullptr) : json(s.text(3))},
            {"open", s.is_null(4)}};
}

// Inserts the rows `pick` selects (household_id, alert_id or NULL, day or NULL, subject).
std::vector<std::int64_t> open_rows(Database& db, Statement& pick, const std::string& kind) {
    struct Row { std::int64_t household, alert; std::string day, subject; };
    std::vector<Row> rows;
    while (pick.step())
        rows.push_back({pick.integer(0), pick.is_null(1) ? 0 : pick.integer(1), pick.is_null(2) ? "" : pick.text(2), pick.text(3)});
    std::vector<std::int64_t> ids;
    for (const Row& r : rows) {
        Statement ins = db.prepare("INSERT INTO follow_ups (household_id, kind, alert_id, day, subject, stage, opened_at) "
                                   "VALUES (?, ?, ?, ?, ?, 'call', ?)");
        ins.bind(1, r.household).bind(2, kind);
        if (r.alert) ins.bind(3, r.alert); else ins.bind_null(3);
        if (r.day.empty()) ins.bind_null(4); else ins.bind(4, r.day);
        ins.bind(5, r.subject).bind(6, now_s()).run();
        ids.push_back(db.last_insert_id());
    }
    return ids;
}

std::vector<std::int64_t> open_alert_rows(Database& db, int call_after_s) {
    const std::int64_t now = now_s();
    Statement pick = db.prepare(
        "SELECT t.household_id, t.alert_id, NULL, 'alert:' || t.alert_id FROM alert_targets t JOIN alerts a ON a.id = t.alert_id "
        "JOIN households h ON h.id = t.household_id "
        "WHERE a.active = 1 AND (a.expires_at IS NULL OR a.expires_at > ?1) AND a.created <= ?2 AND a.created >= ?3 "
        "AND h.archived = 0 "
        "AND NOT EXISTS (SELECT 1 FROM alert_receipts r WHERE r.alert_id = t.alert_id AND r.household_id = t.household_id "
        "                AND r.confirmed_at IS NOT NULL) "
        "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.household_id = t.household_id AND f.subject = 'alert:' || t.alert_id) ORDER BY t.household_id");
    pick.bind(1, now).bind(2, iso_from_epoch(now - call_after_s)).bind(3, iso_from_epoch(now - kAlertCallWindowS));
    return open_rows(db, pick, "alert");
}

std::vector<std::int64_t> open_check_in_rows(Database& db) {
    const std::string today = date_in_days(0);
    const std::string clock = time_of_day_now();
    Statement pick = db.prepare(
        "SELECT p.household_id, NULL, ?1, 'day:' || ?1 FROM check_in_plans p JOIN households h ON h.id = p.household_id "
        "WHERE h.archived = 0 AND p.since <= ?1 AND p.deadline <= ?2 "
        "AND NOT EXISTS (SELECT 1 FROM check_ins c WHERE c.household_id = p.household_id AND c.day = ?1) "
        "AND NOT EXISTS (SELECT 1 FROM household_away a WHERE a.household_id = p.household_id AND a.from_day <= ?1 AND a.to_day >= ?1) "
        "AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.household_id = p.household_id AND f.subject = 'day:' || ?1)");
    pick.bind(1, today).bind(2, clock);
    return open_rows(db, pick, "check_in");
}

std::string headline_of(Database& db, std::int64_t alert_id) {
    Statement s = db.prepare("SELECT cap FROM alerts WHERE id = ?");
    if (!s.bind(1, alert_id).step()) return {};
    const json cap = json::parse(s.text(0), nullptr, false);
    if (!cap.is_object() || !cap.contains("info") || !cap["info"].is_array() || cap["info"].empty()) return {};
    return cap["info"][0].value("headline", "");
}

// The columns of one row: the follow-up, its household, and when the household answered after all (its
// first confirmation of the alert, or its check-in of the day), so a list is one read, not one per row.
constexpr const char* kSelect =
    "SELECT f.id, f.kind, f.alert_id, f.day, f.stage, f.opened_at, f.outcome, f.closed_at, f.help_request_id, "
    "f.household_id, h.name, h.phone, h.address, h.lives_alone, h.special_attention, h.emergency_name, "
    "h.emergency_phone, h.emergency_relation, "
    "CASE WHEN f.kind = 'alert' THEN (SELECT MIN(r.confirmed_at) FROM alert_receipts r "
    "WHERE r.alert_id = f.alert_id AND r.household_id = f.household_id) "
    "ELSE (SELECT c.at FROM check_ins c WHERE c.household_id = f.household_id AND c.day = f.day) END "
    "FROM follow_ups f JOIN households h ON h.id = f.household_id ";

json household_columns(const Statement& f) {
    return {{"id", f.integer(9)}, {"name", f.text(10)}, {"phone", f.text(11)}, {"address", f.text(12)},
            {"lives_alone", f.integer(13) != 0}, {"special_attention", f.integer(14) != 0},
            {"emergency_contact", emergency_contact_json(f, 15)}};
}

json row_json(const Statement& f) {
    return {{"id", f.integer(0)}, {"kind", f.text(1)}, {"alert_id", f.is_null(2) ? json(nullptr) : json(f.integer(2))},
            {"day", f.is_null(3) ? json(nullptr) : json(f.text(3))}, {"stage", f.text(4)},
            {"opened_at", iso_from_epoch(f.integer(5))}, {"outcome", f.is_null(6) ? json(nullptr) : json(f.text(6))},
            {"closed_at", epoch_or_null(f, 7)}, {"help_request_id", f.is_null(8) ? json(nullptr) : json(f.integer(8))},
            {"household", household_columns(f)}, {"attempts", json::array()}, {"answered_at", epoch_or_null(f, 18)}};
}

// Fills in every row's attempts with one read and each alert's headline once.
void complete_rows(Database& db, json& rows) {
    if (rows.empty()) return;
    std::map<std::int64_t, json*> by_id;
    std::string ids;
    for (json& row : rows) {
        by_id[row["id"].get<std::int64_t>()] = &row;
        ids += (ids.empty() ? "" : ",") + std::to_string(row["id"].get<std::int64_t>());  // integers from our own rows
    }
    Statement s = db.prepare("SELECT a.follow_up_id, a.stage, a.outcome, a.note, m.display_name, a.at FROM follow_up_attempts a "
                             "JOIN staff m ON m.id = a.staff_id WHERE a.follow_up_id IN (" + ids + ") ORDER BY a.id");
    while (s.step())
        (*by_id[s.integer(0)])["attempts"].push_back({{"stage", s.text(1)}, {"outcome", s.text(2)}, {"note", s.text(3)},
                                                      {"by", s.text(4)}, {"at", iso_from_epoch(s.integer(5))}});
    std::map<std::int64_t, std::string> headlines;
    for (json& row : rows) {
        if (row["alert_id"].is_null()) continue;
        const std::int64_t alert = row["alert_id"].get<std::int64_t>();
        auto known = headlines.find(alert);
        if (known == headlines.end()) known = headlines.emplace(alert, headline_of(db, alert)).first;
        row["alert_headline"] = known->second;
    }
}

}  // namespace

int open_follow_ups(Database& db, EventLog& events, int call_after_s) {
    std::vector<AlertEvent> announced;
    Transaction tx(db);
    std::vector<std::int64_t> ids = open_alert_rows(db, call_after_s);
    for (const std::int64_t id : open_check_in_rows(db)) ids.push_back(id);
    for (const std::int64_t id : ids) announced.push_back(events.record("follow_up", event_of(db, id, "opened"), Audience::Staff));
    tx.commit();
    for (const AlertEvent& e : announced) events.announce(e);
    return static_cast<int>(ids.size());
}

json follow_up_list(Database& db, const FollowUpFilter& filter) {
    Statement s = db.prepare(std::string(kSelect) +
                             "WHERE (?1 = '' OR f.kind = ?1) AND (?2 = '' OR f.stage = ?2) AND ((?3 = 1 AND f.closed_at IS NULL) OR (?3 = 0 AND f.closed_at IS NOT NULL)) "
                             "AND (?4 = 0 OR f.alert_id = ?4) "
                             "ORDER BY (h.lives_alone + h.special_attention > 0) DESC, f.opened_at, f.id LIMIT ?5");
    s.bind(1, filter.kind).bind(2, filter.stage).bind(3, static_cast<std::int64_t>(filter.open)).bind(4, filter.alert_id)
        .bind(5, filter.limit);
    json items = json::array();
    while (s.step()) items.push_back(row_json(s));
    complete_rows(db, items);
    return items;
}

std::optional<json> follow_up_json(Database& db, std::int64_t id) {
    Statement s = db.prepare(std::string(kSelect) + "WHERE f.id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    json rows = json::array({row_json(s)});
    complete_rows(db, rows);
    return rows[0];
}

bool valid_outcome(const std::string& o) { return o == "reached_fine" || o == "needs_help" || o == "no_answer"; }
bool valid_stage(const std::string& s) { return s == "call" || s == "visit" || s == "emergency_contact"; }

std::optional<json> record_outcome(Database& db, EventLog& events, std::int64_t id, const std::string& outcome,
                                   const std::string& note, std::int64_t staff_id, bool& closed) {
    Transaction tx(db);
    Statement f = db.prepare("SELECT stage, closed_at, household_id, kind FROM follow_ups WHERE id = ?");
    if (!f.bind(1, id).step()) return std::nullopt;
    closed = !f.is_null(1);
    if (closed) return follow_up_json(db, id);
    const std::string stage = f.text(0), kind = f.text(3);
    const std::int64_t household = f.integer(2);
    db.prepare("INSERT INTO follow_up_attempts (follow_up_id, stage, outcome, note, staff_id, at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, id).bind(2, stage).bind(3, outcome).bind(4, note).bind(5, staff_id).bind(6, now_s()).run();
    std::vector<AlertEvent> announced;
    if (outcome == "no_answer") {
        db.prepare("UPDATE follow_ups SET stage = ? WHERE id = ?").bind(1, next_stage(stage)).bind(2, id).run();
    } else {
        std::int64_t help = 0;
        if (outcome == "needs_help") {
            const std::string why = kind == "alert" ? "预警回访：需要帮助" : "报平安回访：需要帮助";
            Statement phone = db.prepare("SELECT phone FROM households WHERE id = ?");
            phone.bind(1, household).step();
            help = insert_help(db, "h:" + std::to_string(household), 0, "callback", note.empty() ? why : why + "。" + note,
                               phone.text(0));
            announced.push_back(events.record("help", help_event(db, help, "created"), Audience::Staff));
        }
        Statement close = db.prepare("UPDATE follow_ups SET outcome = ?, closed_at = ?, closed_by = ?, help_request_id = ? WHERE id = ?");
        close.bind(1, outcome).bind(2, now_s()).bind(3, staff_id);
        if (help) close.bind(4, help); else close.bind_null(4);
        close.bind(5, id).run();
    }
    announced.push_back(events.record("follow_up", event_of(db, id, outcome), Audience::Staff));
    tx.commit();
    for (const AlertEvent& e : announced) events.announce(e);
    return follow_up_json(db, id);
}

}  // namespace elder::server
