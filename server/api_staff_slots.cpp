// Staff open slots in a schedule (editors). Content is published through drafts (api_drafts.cpp).
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "cap.hpp"
#include "slot_json.hpp"

namespace elder::server {

using nlohmann::json;

void add_staff_slot_routes(Router& router, Database& db, StaffAuth& staff) {
    router.add(http::verb::post, "/api/v1/staff/schedules/{id}/slots", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t schedule;
        if (!path_id(call, schedule) || !db.prepare("SELECT 1 FROM schedules WHERE id = ?").bind(1, schedule).step())
            return problem(http::status::not_found, "Not found", "没有找到这项预约服务。", call.request);
        json in, invalid = json::array();
        if (auto error = read_json_body(call, in)) return *error;
        if (!in.contains("slots") || !in["slots"].is_array() || in["slots"].empty() || in["slots"].size() > 500)
            return invalid_body(call, {{{"name", "slots"}, {"reason", "a list of 1 to 500 slots"}}});
        for (const auto& s : in["slots"]) {
            long long start = 0, end = 0;
            const bool times = s.is_object() && s.value("start", json()).is_string() && s.value("end", json()).is_string() &&
                               cap_time_to_epoch(s["start"], start) && cap_time_to_epoch(s["end"], end) && end > start;
            const bool capacity = s.is_object() && s.value("capacity", json()).is_number_integer() &&
                                  s["capacity"].get<long long>() >= 1 && s["capacity"].get<long long>() <= 1000;
            if (!times || !capacity) {
                invalid.push_back({{"name", "slots[" + std::to_string(&s - &in["slots"][0]) + "]"},
                                   {"reason", "needs start < end (date-times with offset) and capacity 1..1000"}});
                break;
            }
        }
        if (!invalid.empty()) return invalid_body(call, invalid);
        Transaction tx(db);
        json items = json::array();
        for (const auto& s : in["slots"]) {
            db.prepare("INSERT INTO slots (schedule_id, start, \"end\", capacity) VALUES (?, ?, ?, ?)")
                .bind(1, schedule).bind(2, s["start"].get<std::string>()).bind(3, s["end"].get<std::string>())
                .bind(4, s["capacity"].get<std::int64_t>()).run();
            Statement back = db.prepare(std::string("SELECT ") + kSlotColumns + " FROM slots WHERE id = ?");
            back.bind(1, db.last_insert_id()).step();
            items.push_back(slot_json(back));
        }
        audit(db, who, call.peer, "slot.create", "schedule:" + std::to_string(schedule), nullptr, items);
        tx.commit();
        return json_response(http::status::created, {{"items", items}}, call.request);
    });
}

}  // namespace elder::server
