// Schedules and slots (FHIR R4 Schedule / Slot), read by everyone.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"
#include "query_params.hpp"
#include "slot_json.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kScheduleSelect =
    "SELECT s.id, s.service, s.place, s.active, s.needs_id_number, "
    "(SELECT id FROM guides WHERE schedule_id = s.id), (SELECT id FROM activities WHERE schedule_id = s.id) "
    "FROM schedules s";

json schedule_json(const Statement& s) {
    return {{"id", s.integer(0)},
            {"service", s.text(1)},
            {"place", s.text(2)},
            {"active", s.integer(3) != 0},
            {"needs_id_number", s.integer(4) != 0},
            {"guide_id", s.is_null(5) ? json(nullptr) : json(s.integer(5))},
            {"activity_id", s.is_null(6) ? json(nullptr) : json(s.integer(6))}};
}

}  // namespace

void add_schedule_routes(Router& router, Database& db) {
    router.add(http::verb::get, "/api/v1/schedules", [&db](const Call& call) {
        json invalid = json::array();
        std::int64_t guide = 0, activity = 0;
        query_int(call, "guide_id", 1, INT64_MAX / 2, guide, invalid);
        query_int(call, "activity_id", 1, INT64_MAX / 2, activity, invalid);
        if (!invalid.empty()) return invalid_query(call, invalid);
        Statement s = db.prepare(std::string(kScheduleSelect) +
                                 " WHERE (?1 = 0 OR s.id = (SELECT schedule_id FROM guides WHERE id = ?1))"
                                 " AND (?2 = 0 OR s.id = (SELECT schedule_id FROM activities WHERE id = ?2))"
                                 " ORDER BY s.id");
        s.bind(1, guide).bind(2, activity);
        json items = json::array();
        while (s.step()) items.push_back(schedule_json(s));
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });

    router.add(http::verb::get, "/api/v1/schedules/{id}/slots", [&db](const Call& call) {
        std::int64_t id;
        if (!path_id(call, id) || !db.prepare("SELECT 1 FROM schedules WHERE id = ?").bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这项预约服务。", call.request);
        json invalid = json::array();
        const auto from = call.query.find("from"), to = call.query.find("to");
        for (const auto& [name, it] : {std::pair{"from", from}, std::pair{"to", to}})
            if (it == call.query.end() || !is_date(it->second))
                invalid.push_back({{"name", name}, {"reason", "needs a date like 2026-11-25"}});
        if (invalid.empty() && (to->second < from->second || weekday_of(from->second) < 0))
            invalid.push_back({{"name", "to"}, {"reason", "must not be before from"}});
        if (invalid.empty()) {
            if (days_between(from->second, to->second) > 31) invalid.push_back({{"name", "to"}, {"reason", "at most 31 days after from"}});
        }
        if (!invalid.empty()) return invalid_query(call, invalid);
        Statement s = db.prepare(std::string("SELECT ") + kSlotColumns +
                                 " FROM slots WHERE schedule_id = ? AND closed = 0 AND substr(start, 1, 10) BETWEEN ? AND ? ORDER BY start, id");
        s.bind(1, id).bind(2, from->second).bind(3, to->second);
        json items = json::array();
        while (s.step()) items.push_back(slot_json(s));
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });
}

}  // namespace elder::server
