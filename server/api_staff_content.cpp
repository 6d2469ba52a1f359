// Staff publishing: policies (publish, edit, withdraw; each change moves the change counter so that
// lists, ETags and `since` pick it up) and opening slots in a schedule.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "change_seq.hpp"
#include "china_time.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "cap.hpp"
#include "slot_json.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

struct PolicyInput {
    std::string category, title, summary, body, issuer, published_on, effective_on;
    json tags = json::array();
};

std::optional<Response> parse_policy(const Call& call, Database& db, PolicyInput& p) {
    json in, invalid = json::array();
    if (auto error = read_json_body(call, in)) return error;
    p.category = string_field(in, "category_id", true, 1, 50, invalid);
    p.title = string_field(in, "title", true, 1, 100, invalid);
    p.summary = string_field(in, "summary", true, 1, 300, invalid);
    p.body = string_field(in, "body", true, 1, 20000, invalid);
    p.issuer = string_field(in, "issuer", true, 1, 100, invalid);
    p.published_on = string_field(in, "published_on", true, 10, 10, invalid);
    p.effective_on = string_field(in, "effective_on", false, 10, 10, invalid);
    if (in.contains("tags")) {
        p.tags = in["tags"];
        bool ok = p.tags.is_array() && p.tags.size() <= 10;
        for (const auto& t : ok ? p.tags : json::array()) ok = ok && t.is_string() && t.get<std::string>().size() <= 60;
        if (!ok) invalid.push_back({{"name", "tags"}, {"reason", "up to 10 short strings"}});
    }
    if (!p.published_on.empty() && !is_date(p.published_on)) invalid.push_back({{"name", "published_on"}, {"reason", "not a date"}});
    if (!p.effective_on.empty() && !is_date(p.effective_on)) invalid.push_back({{"name", "effective_on"}, {"reason", "not a date"}});
    if (!p.category.empty() && !db.prepare("SELECT 1 FROM policy_categories WHERE id = ?").bind(1, p.category).step())
        invalid.push_back({{"name", "category_id"}, {"reason", "unknown category"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    return std::nullopt;
}


}  // namespace

void add_staff_content_routes(Router& router, Database& db, StaffAuth& staff, Alerts& alerts) {
    auto write_policy = [&db, &alerts](const Call& call, const StaffCaller& who, const PolicyInput& p, std::int64_t id) {
        Transaction tx(db);
        const std::int64_t seq = next_change_seq(db);
        Statement s = db.prepare(
            id ? "UPDATE policies SET category_id = ?1, title = ?2, summary = ?3, body = ?4, issuer = ?5, published_on = ?6, "
                 "effective_on = ?7, tags = ?8, updated_seq = ?9 WHERE id = ?10"
               : "INSERT INTO policies (category_id, title, summary, body, issuer, published_on, effective_on, tags, updated_seq) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
        s.bind(1, p.category).bind(2, p.title).bind(3, p.summary).bind(4, p.body).bind(5, p.issuer).bind(6, p.published_on);
        if (p.effective_on.empty()) s.bind_null(7); else s.bind(7, p.effective_on);
        s.bind(8, p.tags.dump()).bind(9, seq);
        if (id) s.bind(10, id);
        s.run();
        const std::int64_t stored = id ? id : db.last_insert_id();
        audit(db, who, call.peer, id ? "policy.update" : "policy.create", "policy:" + std::to_string(stored), nullptr,
              {{"title", p.title}, {"category_id", p.category}, {"published_on", p.published_on}});
        tx.commit();
        alerts.content_changed("policies");
        Statement out = db.prepare("SELECT id, category_id, title, summary, issuer, published_on, effective_on, tags, updated_seq, body FROM policies WHERE id = ?");
        out.bind(1, stored).step();
        return json_response(id ? http::status::ok : http::status::created,
                             {{"id", out.integer(0)}, {"category_id", out.text(1)}, {"title", out.text(2)},
                              {"summary", out.text(3)}, {"issuer", out.text(4)}, {"published_on", out.text(5)},
                              {"effective_on", out.is_null(6) ? json(nullptr) : json(out.text(6))},
                              {"tags", json::parse(out.text(7))}, {"updated_seq", out.integer(8)}, {"body", out.text(9)}},
                             call.request);
    };
    auto live_policy = [&db](const Call& call, std::int64_t& id) {
        return path_id(call, id) && db.prepare("SELECT 1 FROM policies WHERE id = ? AND deleted = 0").bind(1, id).step();
    };

    router.add(http::verb::post, "/api/v1/staff/policies", [&db, &staff, write_policy](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        PolicyInput p;
        if (auto bad = parse_policy(call, db, p)) return *bad;
        return write_policy(call, who, p, 0);
    });
    router.add(http::verb::put, "/api/v1/staff/policies/{id}", [&db, &staff, write_policy, live_policy](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t id;
        if (!live_policy(call, id)) return problem(http::status::not_found, "Not found", "没有找到这条政策。", call.request);
        PolicyInput p;
        if (auto bad = parse_policy(call, db, p)) return *bad;
        return write_policy(call, who, p, id);
    });
    router.add(http::verb::delete_, "/api/v1/staff/policies/{id}", [&db, &staff, &alerts, live_policy](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kApprover, who)) return *refused;
        std::int64_t id;
        if (!live_policy(call, id)) return problem(http::status::not_found, "Not found", "没有找到这条政策。", call.request);
        Transaction tx(db);
        db.prepare("UPDATE policies SET deleted = 1, updated_seq = ? WHERE id = ?").bind(1, next_change_seq(db)).bind(2, id).run();
        audit(db, who, call.peer, "policy.withdraw", "policy:" + std::to_string(id));
        tx.commit();
        alerts.content_changed("policies");
        return no_content(call.request);
    });

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
            db.prepare("INSERT INTO slots (schedule_id, start, end, capacity) VALUES (?, ?, ?, ?)")
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
