// Staff managing households (issue 18): the list and one household (the help desk and admins read
// them: they call and visit), creating and changing them, their members, consent, the daily
// check-in and the days they are away (caseworkers and admins). Every change is audited.
#include <cctype>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "households.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr unsigned kReaders = kHelpDesk | kAdmin;
constexpr unsigned kWriters = kCaseworker | kAdmin;
constexpr int kMaxAwayDays = 366;

std::string target(std::int64_t id) { return "household:" + std::to_string(id); }

// The {id} household, or the 404 to answer.
std::optional<Response> find_household(const Call& call, Database& db, std::int64_t& id) {
    if (path_id(call, id) && household_exists(db, id)) return std::nullopt;
    return problem(http::status::not_found, "Not found", "没有找到这一户。", call.request);
}

Response list(const Call& call, Database& db) {
    json invalid = json::array();
    std::int64_t limit = 50, cursor = 0;
    query_int(call, "limit", 1, 200, limit, invalid);
    query_int(call, "cursor", 1, INT64_MAX, cursor, invalid);
    const auto q = call.query.find("q");
    const std::string text = q == call.query.end() ? "" : q->second;
    if (text.size() > 100) invalid.push_back({{"name", "q"}, {"reason", "at most 100 bytes"}});
    const auto archived = call.query.find("archived");
    const bool with_archived = archived != call.query.end() && archived->second == "true";
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(std::string("SELECT ") + kHouseholdRowColumns +
                             " FROM households h WHERE (?1 = 0 OR h.id < ?1) AND (?2 = 1 OR h.archived = 0) "
                             "AND (?3 = '' OR instr(h.name, ?3) > 0 OR instr(h.address, ?3) > 0 OR instr(h.phone, ?3) > 0) "
                             "ORDER BY h.id DESC LIMIT ?4");
    s.bind(1, cursor).bind(2, static_cast<std::int64_t>(with_archived)).bind(3, text).bind(4, limit + 1).bind(9, date_in_days(0));
    json next;
    const json items = read_page(s, limit, household_row,
                                 [](const json& last) { return json(std::to_string(last["id"].get<std::int64_t>())); }, next);
    return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
}

Response create(const Call& call, Database& db, const StaffCaller& who) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const HouseholdFields fields = read_household_fields(body, true, invalid);
    const auto members = body.contains("members") ? read_members(body["members"], invalid) : std::vector<Member>{};
    if (!invalid.empty()) return invalid_body(call, invalid);
    Transaction tx(db);
    if (const std::string taken = phone_taken_elsewhere(db, members, 0); !taken.empty())
        return problem(http::status::conflict, "Phone in another household", "这个手机号已经是另一户的成员。", call.request);
    const std::int64_t id = create_household(db, fields);
    replace_members(db, id, members);
    const json after = household_json(db, id);
    audit(db, who, call.peer, "household.create", target(id), nullptr, after);
    tx.commit();
    return json_response(http::status::created, after, call.request);
}

// Applies `apply` to the household in one transaction with its audit entry (the record before and
// after) and answers the household as it is now; `apply` may refuse (its answer is sent instead).
template <class Apply>
Response audited_change(const Call& call, Database& db, const StaffCaller& who, std::int64_t id, const char* action, Apply apply) {
    Transaction tx(db);
    const json before = household_json(db, id);
    if (std::optional<Response> refused = apply()) return *refused;
    const json after = household_json(db, id);
    audit(db, who, call.peer, action, target(id), before, after);
    tx.commit();
    return json_response(http::status::ok, after, call.request);
}

Response change(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const HouseholdFields fields = read_household_fields(body, false, invalid);
    if (!invalid.empty()) return invalid_body(call, invalid);
    return audited_change(call, db, who, id, "household.update", [&]() -> std::optional<Response> {
        update_household(db, id, fields);
        return std::nullopt;
    });
}

Response members(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const auto list = read_members(body.value("members", json()), invalid);
    if (!invalid.empty()) return invalid_body(call, invalid);
    return audited_change(call, db, who, id, "household.members", [&]() -> std::optional<Response> {
        if (!phone_taken_elsewhere(db, list, id).empty())
            return problem(http::status::conflict, "Phone in another household", "这个手机号已经是另一户的成员。", call.request);
        replace_members(db, id, list);
        return std::nullopt;
    });
}

Response add_consent(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string kind = string_field(body, "kind", true, 1, 20, invalid);
    const std::string given_by = string_field(body, "given_by", true, 1, 50, invalid);
    if (invalid.empty() && !valid_consent_kind(kind)) invalid.push_back({{"name", "kind"}, {"reason", "check_in or contact"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    Transaction tx(db);
    if (has_consent(db, id, kind))
        return problem(http::status::conflict, "Consent recorded already", "这项同意已经记录过了。", call.request);
    db.prepare("INSERT INTO household_consents (household_id, kind, given_by, recorded_by, at) VALUES (?, ?, ?, ?, ?)")
        .bind(1, id).bind(2, kind).bind(3, given_by).bind(4, who.member.id).bind(5, now_s()).run();
    audit(db, who, call.peer, "household.consent", target(id), nullptr, {{"kind", kind}, {"given_by", given_by}});
    tx.commit();
    return json_response(http::status::created, household_json(db, id), call.request);
}

// Withdrawn consent to the check-in ends the check-in: nobody is called about a day they did not
// agree to report.
Response withdraw_consent(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    std::int64_t consent = 0;
    Transaction tx(db);
    Statement s = db.prepare("SELECT kind FROM household_consents WHERE id = ? AND household_id = ? AND withdrawn_at IS NULL");
    if (!path_id(call, consent, "cid") || !s.bind(1, consent).bind(2, id).step())
        return problem(http::status::not_found, "Not found", "没有找到这项同意。", call.request);
    const std::string kind = s.text(0);
    db.prepare("UPDATE household_consents SET withdrawn_at = ? WHERE id = ?").bind(1, now_s()).bind(2, consent).run();
    if (kind == "check_in") db.prepare("DELETE FROM check_in_plans WHERE household_id = ?").bind(1, id).run();
    audit(db, who, call.peer, "household.consent_withdrawn", target(id), {{"kind", kind}}, nullptr);
    tx.commit();
    return json_response(http::status::ok, household_json(db, id), call.request);
}

bool valid_deadline(const std::string& t) {
    return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
           std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
           std::isdigit(static_cast<unsigned char>(t[4])) && t.substr(0, 2) <= "23" && t.substr(3, 2) <= "59";
}

// A plan set up after today's deadline starts tomorrow: nobody is called about a day that was
// over before they agreed to it.
std::string first_check_in_day(const std::string& deadline) {
    return time_of_day_now() < deadline ? date_in_days(0) : date_in_days(1);
}

Response set_check_in(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string deadline = body.contains("deadline") ? string_field(body, "deadline", true, 5, 5, invalid) : "10:00";
    if (invalid.empty() && !valid_deadline(deadline)) invalid.push_back({{"name", "deadline"}, {"reason", "HH:MM, 00:00 to 23:59"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    Transaction tx(db);
    if (!has_consent(db, id, "check_in"))
        return problem(http::status::conflict, "No consent", "这一户还没有同意每日报平安，请先记录同意。", call.request);
    db.prepare("INSERT INTO check_in_plans (household_id, deadline, since) VALUES (?1, ?2, ?3) "
               "ON CONFLICT (household_id) DO UPDATE SET deadline = excluded.deadline")
        .bind(1, id).bind(2, deadline).bind(3, first_check_in_day(deadline)).run();
    audit(db, who, call.peer, "household.check_in", target(id), nullptr, {{"deadline", deadline}});
    tx.commit();
    return json_response(http::status::ok, household_json(db, id), call.request);
}

Response end_check_in(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    Transaction tx(db);
    db.prepare("DELETE FROM check_in_plans WHERE household_id = ?").bind(1, id).run();
    audit(db, who, call.peer, "household.check_in_ended", target(id));
    tx.commit();
    return json_response(http::status::ok, household_json(db, id), call.request);
}

Response add_away(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string from = string_field(body, "from", true, 10, 10, invalid);
    const std::string to = string_field(body, "to", true, 10, 10, invalid);
    const std::string note = string_field(body, "note", false, 0, 100, invalid);
    if (invalid.empty() && (!is_date(from) || !is_date(to) || to < from || to > date_in_days(kMaxAwayDays)))
        invalid.push_back({{"name", "to"}, {"reason", "two dates (YYYY-MM-DD), from before to, within a year"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    Transaction tx(db);
    db.prepare("INSERT INTO household_away (household_id, from_day, to_day, note) VALUES (?, ?, ?, ?)")
        .bind(1, id).bind(2, from).bind(3, to).bind(4, note).run();
    audit(db, who, call.peer, "household.away", target(id), nullptr, {{"from", from}, {"to", to}});
    tx.commit();
    return json_response(http::status::created, household_json(db, id), call.request);
}

Response remove_away(const Call& call, Database& db, const StaffCaller& who, std::int64_t id) {
    std::int64_t away = 0;
    Transaction tx(db);
    if (!path_id(call, away, "aid") ||
        (db.prepare("DELETE FROM household_away WHERE id = ? AND household_id = ?").bind(1, away).bind(2, id).run(), db.changes() == 0))
        return problem(http::status::not_found, "Not found", "没有找到这段外出的日子。", call.request);
    audit(db, who, call.peer, "household.away_removed", target(id), {{"away", away}}, nullptr);
    tx.commit();
    return json_response(http::status::ok, household_json(db, id), call.request);
}

// A route on one household: the caller's roles are checked, then the household is found.
// `tell`: a change to what the household's screens show (the check-in, days away), told to its own
// streams ("check_in"), so that a box shows or drops 报平安 at once.
using HouseholdHandler = Response (*)(const Call&, Database&, const StaffCaller&, std::int64_t);
Handler on_household(Database& db, StaffAuth& staff, unsigned roles, HouseholdHandler handler, EventLog* tell = nullptr) {
    return [&db, &staff, roles, handler, tell](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, roles, who)) return *refused;
        std::int64_t id;
        if (auto missing = find_household(call, db, id)) return *missing;
        Response answer = handler(call, db, who, id);
        if (tell && answer.result_int() < 300) tell_household(*tell, id);
        return answer;
    };
}

}  // namespace

void add_household_routes(Router& router, Database& db, StaffAuth& staff, EventLog& events) {
    router.add(http::verb::get, "/api/v1/staff/households", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kReaders, who)) return *refused;
        return list(call, db);
    });
    router.add(http::verb::post, "/api/v1/staff/households", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kWriters, who)) return *refused;
        return create(call, db, who);
    });
    const std::string one = "/api/v1/staff/households/{id}";
    router.add(http::verb::get, one, on_household(db, staff, kReaders, [](const Call& call, Database& db, const StaffCaller&, std::int64_t id) {
        return json_response(http::status::ok, household_json(db, id), call.request);
    }));
    router.add(http::verb::patch, one, on_household(db, staff, kWriters, change));
    router.add(http::verb::put, one + "/members", on_household(db, staff, kWriters, members));
    router.add(http::verb::post, one + "/consents", on_household(db, staff, kWriters, add_consent));
    router.add(http::verb::delete_, one + "/consents/{cid}", on_household(db, staff, kWriters, withdraw_consent, &events));
    router.add(http::verb::put, one + "/check-in", on_household(db, staff, kWriters, set_check_in, &events));
    router.add(http::verb::delete_, one + "/check-in", on_household(db, staff, kWriters, end_check_in, &events));
    router.add(http::verb::post, one + "/away", on_household(db, staff, kWriters, add_away, &events));
    router.add(http::verb::delete_, one + "/away/{aid}", on_household(db, staff, kWriters, remove_away, &events));
}

}  // namespace elder::server
