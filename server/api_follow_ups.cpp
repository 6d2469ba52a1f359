// The daily check-in (报平安) for residents, and the call and visit lists for the help desk
// (issue 18): households that did not confirm a severe alert or check in, each with its attempts
// and outcomes.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"
#include "follow_ups.hpp"
#include "households.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

// Today's check-in as the household's screens show it.
json check_in_state(Database& db, std::int64_t household) {
    const std::string today = date_in_days(0);
    Statement plan = db.prepare("SELECT deadline FROM check_in_plans WHERE household_id = ?");
    if (!household || !plan.bind(1, household).step()) return {{"enrolled", false}, {"day", today}};
    Statement done = db.prepare("SELECT at FROM check_ins WHERE household_id = ? AND day = ?");
    const bool checked = done.bind(1, household).bind(2, today).step();
    const bool away = db.prepare("SELECT 1 FROM household_away WHERE household_id = ?1 AND from_day <= ?2 AND to_day >= ?2")
                          .bind(1, household).bind(2, today).step();
    return {{"enrolled", true}, {"day", today}, {"deadline", plan.text(0)}, {"away_today", away},
            {"checked_in_at", checked ? json(iso_from_epoch(done.integer(0))) : json(nullptr)}};
}

Response check_in(const Call& call, Database& db, EventLog& events, const Principal& who) {
    if (!who.household_id)
        return problem(http::status::forbidden, "No household", "这台设备或这个手机号还没有登记到哪一户，请联系社区。", call.request);
    Transaction tx(db);
    if (!db.prepare("SELECT 1 FROM check_in_plans WHERE household_id = ?").bind(1, who.household_id).step())
        return problem(http::status::conflict, "Check-in not enrolled", "您家还没有开通每日报平安，请联系社区。", call.request);
    // Once a day: the first press counts, a second one (another member, a double press) changes nothing.
    const std::string by = who.device_id ? "d:" + std::to_string(who.device_id) : who.owner;
    db.prepare("INSERT INTO check_ins (household_id, day, at, who) VALUES (?, ?, ?, ?) ON CONFLICT (household_id, day) DO NOTHING")
        .bind(1, who.household_id).bind(2, date_in_days(0)).bind(3, now_s()).bind(4, by).run();
    const bool first = db.changes() > 0;
    tx.commit();
    if (first) tell_household(events, who.household_id);  // the household's other screens say 今天已报平安 too
    return json_response(http::status::ok, check_in_state(db, who.household_id), call.request);
}

Response list(const Call& call, Database& db) {
    json invalid = json::array();
    FollowUpFilter filter;
    query_int(call, "limit", 1, 200, filter.limit, invalid);
    query_int(call, "alert_id", 1, INT64_MAX, filter.alert_id, invalid);
    const auto text = [&](const char* name) { const auto it = call.query.find(name); return it == call.query.end() ? std::string() : it->second; };
    filter.kind = text("kind");
    filter.stage = text("stage");
    const std::string state = text("state");
    if (!filter.kind.empty() && filter.kind != "alert" && filter.kind != "check_in")
        invalid.push_back({{"name", "kind"}, {"reason", "alert or check_in"}});
    if (!filter.stage.empty() && !valid_stage(filter.stage))
        invalid.push_back({{"name", "stage"}, {"reason", "call, visit or emergency_contact"}});
    if (!state.empty() && state != "open" && state != "closed") invalid.push_back({{"name", "state"}, {"reason", "open or closed"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    filter.open = state != "closed";
    return json_response(http::status::ok, {{"items", follow_up_list(db, filter)}}, call.request);
}

Response outcome(const Call& call, Database& db, EventLog& events, const StaffCaller& who) {
    std::int64_t id;
    if (!path_id(call, id)) return problem(http::status::not_found, "Not found", "没有找到这一条回访。", call.request);
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string result = string_field(body, "outcome", true, 1, 20, invalid);
    const std::string note = string_field(body, "note", false, 0, 500, invalid);
    if (invalid.empty() && !valid_outcome(result))
        invalid.push_back({{"name", "outcome"}, {"reason", "reached_fine, needs_help or no_answer"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    bool closed = false;
    const auto after = record_outcome(db, events, id, result, note, who.member.id, closed);
    if (!after) return problem(http::status::not_found, "Not found", "没有找到这一条回访。", call.request);
    if (closed) return problem(http::status::conflict, "Closed already", "这一户已经回访过了，结果已记录。", call.request, {{"follow_up", *after}});
    return json_response(http::status::ok, *after, call.request);
}

}  // namespace

void add_follow_up_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, EventLog& events) {
    router.add(http::verb::get, "/api/v1/check-in", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录或登记设备。", call.request);
        return json_response(http::status::ok, check_in_state(db, who->household_id), call.request);
    });
    router.add(http::verb::post, "/api/v1/check-ins", [&db, &auth, &events](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录或登记设备。", call.request);
        return check_in(call, db, events, *who);
    });
    router.add(http::verb::get, "/api/v1/staff/follow-ups", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk | kAdmin, who)) return *refused;
        return list(call, db);
    });
    router.add(http::verb::get, "/api/v1/staff/follow-ups/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk | kAdmin, who)) return *refused;
        std::int64_t id;
        const auto found = path_id(call, id) ? follow_up_json(db, id) : std::nullopt;
        if (!found) return problem(http::status::not_found, "Not found", "没有找到这一条回访。", call.request);
        return json_response(http::status::ok, *found, call.request);
    });
    router.add(http::verb::post, "/api/v1/staff/follow-ups/{id}/outcomes", [&db, &staff, &events](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kHelpDesk, who)) return *refused;
        return outcome(call, db, events, who);
    });
}

}  // namespace elder::server
