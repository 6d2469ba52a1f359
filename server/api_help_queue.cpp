// The help queue for the 24-hour desk and case workers: the list (open SOS first, then the longest
// waiting), one request with its household and history, claim (one wins; the other is told who),
// status with an outcome at the end, notes to the resident, transfer to a unit, reopen. Every change
// is audited in its own transaction and announced on the staff streams.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "help_queue.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

// Open SOS, other open requests (oldest first: the longest wait is answered first), then done ones
// (newest first). The key orders within a rank: id for open ones, -id for done ones.
constexpr const char* kRank = "(CASE WHEN status = 'done' THEN 2 ELSE 0 END + CASE WHEN kind != 'sos' THEN 1 ELSE 0 END)";
constexpr const char* kKey = "(CASE WHEN status = 'done' THEN -id ELSE id END)";

Response queue_page(const Call& call, Database& db) {
    json invalid = json::array();
    std::int64_t limit = 20, cursor_key = 0;
    std::string cursor_rank = "-1";
    query_int(call, "limit", 1, 100, limit, invalid);
    if (auto it = call.query.find("cursor"); it != call.query.end() && !parse_cursor(it->second, "[0-3]", cursor_rank, cursor_key))
        invalid.push_back({{"name", "cursor"}, {"reason", "is not a cursor this server gave out"}});
    std::string state = "all";
    if (auto it = call.query.find("state"); it != call.query.end()) state = it->second;
    if (state != "all" && state != "open" && state != "done")
        invalid.push_back({{"name", "state"}, {"reason", "must be open, done or all"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    if (std::stoi(cursor_rank) >= 2) cursor_key = -cursor_key;  // done ones run newest first
    const std::string where = state == "open" ? "status != 'done'" : state == "done" ? "status = 'done'" : "1 = 1";
    Statement s = db.prepare(std::string("SELECT id, ") + kRank + ", " + kKey + " FROM help_requests WHERE " + where +
                             " AND (?1 < 0 OR " + kRank + " > ?1 OR (" + kRank + " = ?1 AND " + kKey + " > ?2)) ORDER BY " +
                             kRank + ", " + kKey + " LIMIT ?3");
    s.bind(1, static_cast<std::int64_t>(std::stoi(cursor_rank))).bind(2, cursor_key).bind(3, limit + 1);
    json items = json::array(), next = nullptr;
    std::string last_cursor;
    while (s.step()) {
        if (static_cast<std::int64_t>(items.size()) == limit) {
            next = last_cursor;
            break;
        }
        items.push_back(staff_help_json(db, s.integer(0), false));
        last_cursor = std::to_string(s.integer(1)) + "_" + std::to_string(s.integer(0));  // "<rank>_<id>"
    }
    return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
}

struct Found {
    std::int64_t id = 0;
    json before;
};

std::optional<Response> find(const Call& call, Database& db, Found& f) {
    if (!path_id(call, f.id) || (f.before = staff_help_json(db, f.id, false)).is_null())
        return problem(http::status::not_found, "Not found", "没有找到这个求助。", call.request);
    return std::nullopt;
}

// Someone else holds the request: say who, so the two can talk instead of both calling.
Response held_by_other(const Call& call, const json& request) {
    const std::string name = request["claimed_by"]["display_name"];
    return problem(http::status::conflict, "Claimed by someone else", name + " 已经认领了这个求助，正在处理。", call.request,
                   {{"claimed_by", request["claimed_by"]}});
}

bool held_by_other_than(const json& request, const StaffCaller& who) {
    return !request["claimed_by"].is_null() && request["claimed_by"]["id"] != who.member.id;
}

// Writes the change, its audit entry and its staff event in one transaction, then announces it.
template <class Change>
Response change(const Call& call, Database& db, EventLog& events, const StaffCaller& who, const Found& f,
                const std::string& action, const std::string& event, Change apply) {
    Transaction tx(db);
    apply();
    db.prepare("UPDATE help_requests SET updated = ? WHERE id = ?").bind(1, now_iso()).bind(2, f.id).run();
    const json after = staff_help_json(db, f.id, false);
    audit(db, who, call.peer, action, "help:" + std::to_string(f.id), f.before, after);
    const AlertEvent e = events.record("help", help_event(db, f.id, event), Audience::Staff);
    tx.commit();
    events.announce(e);
    return json_response(http::status::ok, staff_help_json(db, f.id, true), call.request);
}

void claim(Database& db, std::int64_t id, std::int64_t staff_id) {
    db.prepare("UPDATE help_requests SET claimed_by = ?, claimed_at = ?, status = CASE WHEN status = 'received' THEN 'accepted' "
               "ELSE status END WHERE id = ? AND claimed_by IS NULL")
        .bind(1, staff_id).bind(2, now_iso()).bind(3, id).run();
}

Response update(const Call& call, Database& db, EventLog& events, const StaffCaller& who, const Found& f) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string status = string_field(body, "status", false, 1, 20, invalid);
    const std::string note = string_field(body, "note", false, 0, 500, invalid);
    const std::string outcome = string_field(body, "outcome", false, 0, 200, invalid);
    if (body.contains("take_over") && !body["take_over"].is_boolean())
        invalid.push_back({{"name", "take_over"}, {"reason", "must be true or false"}});
    if (invalid.empty() && !status.empty() && status != "accepted" && status != "in_progress" && status != "done")
        invalid.push_back({{"name", "status"}, {"reason", "must be accepted, in_progress or done"}});
    if (invalid.empty() && status == "done" && outcome.empty())
        invalid.push_back({{"name", "outcome"}, {"reason", "say how it ended before closing"}});
    if (!invalid.empty()) return invalid_body(call, invalid, status == "done" && outcome.empty() ? "办结前请写一句处理结果。" : "填写的内容有误，请检查后再提交。");
    const bool take_over = body.value("take_over", false);
    if (held_by_other_than(f.before, who) && !take_over) return held_by_other(call, f.before);
    if (f.before["status"] == "done" && !status.empty() && status != "done")
        return problem(http::status::conflict, "Closed", "这个求助已经办结了；要继续处理，请先“重新打开”。", call.request);
    return change(call, db, events, who, f, take_over ? "help.take_over" : "help.update", "updated", [&] {
        const std::int64_t id = f.id;
        if (take_over || f.before["claimed_by"].is_null())
            db.prepare("UPDATE help_requests SET claimed_by = ?, claimed_at = COALESCE(claimed_at, ?) WHERE id = ?")
                .bind(1, who.member.id).bind(2, now_iso()).bind(3, id).run();
        if (!status.empty()) db.prepare("UPDATE help_requests SET status = ? WHERE id = ?").bind(1, status).bind(2, id).run();
        if (!note.empty()) db.prepare("UPDATE help_requests SET note = ? WHERE id = ?").bind(1, note).bind(2, id).run();
        if (status == "done")
            db.prepare("UPDATE help_requests SET outcome = ?, closed_at = ? WHERE id = ?").bind(1, outcome).bind(2, now_iso()).bind(3, id).run();
    });
}

void add_queue_reads(Router& router, Database& db, StaffAuth& staff, int claim_deadline_s) {
    // Admins may look (oversight: is the service used, is anything stuck); only the desk acts.
    router.add(http::verb::get, "/api/v1/staff/help-requests", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk | kAdmin, who)) return *refused;
        return queue_page(call, db);
    });
    router.add(http::verb::get, "/api/v1/staff/help-requests/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk | kAdmin, who)) return *refused;
        Found f;
        if (auto missing = find(call, db, f)) return *missing;
        return json_response(http::status::ok, staff_help_json(db, f.id, true), call.request);
    });
    router.add(http::verb::get, "/api/v1/staff/help-figures", [&db, &staff, claim_deadline_s](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk | kAdmin, who)) return *refused;
        json invalid = json::array();
        std::int64_t days = 1;
        query_int(call, "days", 1, 90, days, invalid);
        if (!invalid.empty()) return invalid_query(call, invalid);
        return json_response(http::status::ok, help_figures(db, static_cast<int>(days), claim_deadline_s), call.request);
    });
}

}  // namespace

void add_help_queue_routes(Router& router, Database& db, StaffAuth& staff, EventLog& events, int claim_deadline_s) {
    add_queue_reads(router, db, staff, claim_deadline_s);
    router.add(http::verb::post, "/api/v1/staff/help-requests/{id}/claim", [&db, &staff, &events](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk, who)) return *refused;
        Found f;
        if (auto missing = find(call, db, f)) return *missing;
        if (held_by_other_than(f.before, who)) return held_by_other(call, f.before);
        if (!f.before["claimed_by"].is_null()) return json_response(http::status::ok, staff_help_json(db, f.id, true), call.request);
        return change(call, db, events, who, f, "help.claim", "claimed", [&] { claim(db, f.id, who.member.id); });
    });
    router.add(http::verb::patch, "/api/v1/staff/help-requests/{id}", [&db, &staff, &events](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk, who)) return *refused;
        Found f;
        if (auto missing = find(call, db, f)) return *missing;
        return update(call, db, events, who, f);
    });
    router.add(http::verb::post, "/api/v1/staff/help-requests/{id}/transfer", [&db, &staff, &events](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk, who)) return *refused;
        Found f;
        if (auto missing = find(call, db, f)) return *missing;
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string unit = string_field(body, "unit", true, 1, 50, invalid);
        const std::string note = string_field(body, "note", false, 0, 500, invalid);
        if (!invalid.empty()) return invalid_body(call, invalid, "请写明转给哪个单位。");
        if (f.before["status"] == "done")
            return problem(http::status::conflict, "Closed", "这个求助已经办结了；要继续处理，请先“重新打开”。", call.request);
        return change(call, db, events, who, f, "help.transfer", "updated", [&] {
            claim(db, f.id, who.member.id);
            db.prepare("UPDATE help_requests SET unit = ?, status = 'in_progress', note = CASE WHEN ? = '' THEN note ELSE ? END WHERE id = ?")
                .bind(1, unit).bind(2, note).bind(3, note).bind(4, f.id).run();
        });
    });
    router.add(http::verb::post, "/api/v1/staff/help-requests/{id}/reopen", [&db, &staff, &events](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk, who)) return *refused;
        Found f;
        if (auto missing = find(call, db, f)) return *missing;
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string reason = string_field(body, "reason", true, 1, 200, invalid);
        if (!invalid.empty()) return invalid_body(call, invalid, "请写一句为什么重新打开。");
        if (f.before["status"] != "done")
            return problem(http::status::conflict, "Not closed", "这个求助还没有办结，不用重新打开。", call.request);
        return change(call, db, events, who, f, "help.reopen", "updated", [&] {
            db.prepare("UPDATE help_requests SET status = 'in_progress', outcome = NULL, closed_at = NULL, claimed_by = ?, "
                       "claimed_at = COALESCE(claimed_at, ?) WHERE id = ?")
                .bind(1, who.member.id).bind(2, now_iso()).bind(3, f.id).run();
        });
    });
}

}  // namespace elder::server
