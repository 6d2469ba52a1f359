// The counter's day (case workers): today's appointments per window, check-in by the ticket's code
// (typed, or a USB scanner typing the ticket's QR: ELDER-APPOINTMENT:<id>:<code>), no-shows; and a
// schedule's slots with who is booked, where editors close a slot: nobody can book it any more, and
// those booked are cancelled with the reason, which their 我的预约 shows.
#include <regex>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "appointments.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "slot_json.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr unsigned kCounter = kCaseworker | kDispatcher;

// An appointment as the counter sees it: the resident's phone too (to call a late arrival).
json staff_appointment_json(const Statement& s) {
    json out = appointment_json(s);
    out["phone"] = s.text(17);
    return out;
}

std::string query_or(const Call& call, const char* name, const std::string& fallback) {
    const auto it = call.query.find(name);
    return it == call.query.end() ? fallback : it->second;
}

Response day_list(const Call& call, Database& db) {
    const std::string date = query_or(call, "date", date_in_days(0));
    json invalid = json::array();
    std::int64_t schedule = 0;
    query_int(call, "schedule_id", 1, INT64_MAX, schedule, invalid);
    if (!is_date(date)) invalid.push_back({{"name", "date"}, {"reason", "YYYY-MM-DD"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(kAppointmentSelect + " WHERE substr(s.start, 1, 10) = ?1 AND (?2 = 0 OR s.schedule_id = ?2) "
                                                  "ORDER BY s.start, a.id LIMIT 2000");
    s.bind(1, date).bind(2, schedule);
    json items = json::array();
    while (s.step()) items.push_back(staff_appointment_json(s));
    return json_response(http::status::ok, {{"date", date}, {"items", items}}, call.request);
}

// The code on a ticket, from what was typed or scanned.
std::string code_of(std::string text) {
    static const std::regex qr("ELDER-APPOINTMENT:[0-9]{1,18}:([0-9A-Za-z]{1,20})");
    std::smatch m;
    if (std::regex_match(text, m, qr)) text = m[1];
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

Response check_in(const Call& call, Database& db, const StaffCaller& who) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string typed = string_field(body, "code", true, 1, 60, invalid);
    if (!invalid.empty()) return invalid_body(call, invalid, "请输入或扫描预约码。");
    const std::string code = code_of(typed);
    Statement s = db.prepare(kAppointmentSelect + " WHERE a.code = ?");
    if (!s.bind(1, code).step())
        return problem(http::status::not_found, "Not found", "没有这个预约码，请核对凭证上的预约码。", call.request);
    const json before = staff_appointment_json(s);
    const std::string status = before["status"], day = before["slot"]["start"].get<std::string>().substr(0, 10);
    if (status == "fulfilled") return problem(http::status::conflict, "Already checked in", "这个预约已经办理过了。", call.request);
    if (status != "booked") return problem(http::status::conflict, "Cancelled", "这个预约已经取消了，请帮居民重新预约。", call.request);
    if (day != date_in_days(0))
        return problem(http::status::conflict, "Another day", "这个预约是 " + day + " 的，不是今天的。", call.request, {{"date", day}});
    Transaction tx(db);
    db.prepare("UPDATE appointments SET status = 'fulfilled' WHERE id = ?").bind(1, before["id"].get<std::int64_t>()).run();
    audit(db, who, call.peer, "appointment.fulfilled", "appointment:" + std::to_string(before["id"].get<std::int64_t>()),
          {{"status", "booked"}}, {{"status", "fulfilled"}, {"by", "check-in"}});
    tx.commit();
    Statement after = db.prepare(kAppointmentSelect + " WHERE a.id = ?");
    after.bind(1, before["id"].get<std::int64_t>()).step();
    return json_response(http::status::ok, staff_appointment_json(after), call.request);
}

Response slots_with_bookings(const Call& call, Database& db, std::int64_t schedule) {
    const std::string from = query_or(call, "from", date_in_days(0));
    json invalid = json::array();
    std::int64_t days = 14;
    query_int(call, "days", 1, 62, days, invalid);
    if (!is_date(from)) invalid.push_back({{"name", "from"}, {"reason", "YYYY-MM-DD"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(std::string("SELECT ") + kSlotColumns + ", closed FROM slots WHERE schedule_id = ?1 AND closed = 0 "
                             "AND substr(start, 1, 10) BETWEEN ?2 AND ?3 ORDER BY start, id");
    s.bind(1, schedule).bind(2, from).bind(3, date_after(from, static_cast<int>(days) - 1));
    json items = json::array();
    while (s.step()) {
        json slot = slot_json(s);
        slot["booked"] = s.integer(5);
        json people = json::array();
        Statement a = db.prepare(kAppointmentSelect + " WHERE a.slot_id = ? AND a.status != 'cancelled' ORDER BY a.id");
        a.bind(1, s.integer(0));
        while (a.step()) people.push_back(staff_appointment_json(a));
        slot["appointments"] = people;
        items.push_back(slot);
    }
    return json_response(http::status::ok, {{"items", items}}, call.request);
}

Response close_slot(const Call& call, Database& db, Alerts& alerts, const StaffCaller& who, std::int64_t id) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const std::string reason = string_field(body, "reason", true, 1, 200, invalid);
    if (!invalid.empty()) return invalid_body(call, invalid, "请写一句关闭的原因，预约了的居民会看到。");
    Transaction tx(db);
    json cancelled = json::array();
    Statement a = db.prepare("SELECT id FROM appointments WHERE slot_id = ? AND status = 'booked' ORDER BY id");
    a.bind(1, id);
    while (a.step()) cancelled.push_back(a.integer(0));
    db.prepare("UPDATE appointments SET status = 'cancelled', cancelled_at = ?, cancel_reason = ? WHERE slot_id = ? AND status = 'booked'")
        .bind(1, now_iso()).bind(2, reason).bind(3, id).run();
    db.prepare("UPDATE slots SET closed = 1, booked = 0 WHERE id = ?").bind(1, id).run();
    audit(db, who, call.peer, "slot.close", "slot:" + std::to_string(id), nullptr, {{"reason", reason}, {"cancelled", cancelled}});
    tx.commit();
    alerts.content_changed("slots");  // booking pages refresh; residents' 我的预约 shows the cancellation when opened
    return json_response(http::status::ok, {{"id", id}, {"cancelled_appointments", cancelled.size()}}, call.request);
}

}  // namespace

void add_staff_appointment_routes(Router& router, Database& db, StaffAuth& staff, Alerts& alerts) {
    router.add(http::verb::get, "/api/v1/staff/appointments", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kCounter, who)) return *refused;
        return day_list(call, db);
    });
    router.add(http::verb::post, "/api/v1/staff/appointments/check-in", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kCounter, who)) return *refused;
        return check_in(call, db, who);
    });
    router.add(http::verb::get, "/api/v1/staff/schedules/{id}/slots", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kCounter, who)) return *refused;
        std::int64_t schedule;
        if (!path_id(call, schedule) || !db.prepare("SELECT 1 FROM schedules WHERE id = ?").bind(1, schedule).step())
            return problem(http::status::not_found, "Not found", "没有找到这项预约服务。", call.request);
        return slots_with_bookings(call, db, schedule);
    });
    router.add(http::verb::post, "/api/v1/staff/slots/{id}/close", [&db, &staff, &alerts](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t id;
        if (!path_id(call, id) || !db.prepare("SELECT 1 FROM slots WHERE id = ? AND closed = 0").bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这个时段，或者已经关闭了。", call.request);
        return close_slot(call, db, alerts, who, id);
    });
}

}  // namespace elder::server
