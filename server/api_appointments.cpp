// Booking (FHIR Appointment): atomic (a seat is taken and the appointment written in one
// transaction, guarded by the slot's CHECK booked <= capacity), idempotent (Idempotency-Key),
// 409 with the day's other free slots when full; cancelling frees the seat, and restoring a
// cancellation within the undo window takes it again under the same rules.
//
// A booking is for the account that makes it: the phone on it is the one the resident signed in
// with (a bound box: its household's), each account holds one seat per slot and at most
// kMaxOpenAppointments appointments still to come, and slots that have started or whose service
// is closed are not booked. (One account once took every seat of a slot with five phones, and the
// owner of one of them could then neither book nor see nor cancel it.)
#include <ctime>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "appointments.hpp"
#include "audit.hpp"
#include "cap.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "crypto.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "slot_json.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

std::optional<json> load_appointment(Database& db, std::int64_t id, const std::string& owner) {
    Statement s = db.prepare(kAppointmentSelect + " WHERE a.id = ? AND a.owner = ?");
    if (!s.bind(1, id).bind(2, owner).step()) return std::nullopt;
    return appointment_json(s);
}

Response not_signed_in(const Call& call) {
    return problem(http::status::unauthorized, "Not signed in", "请先登录，再办理预约。", call.request);
}

Response not_found(const Call& call) {
    return problem(http::status::not_found, "Not found", "没有找到这个预约。", call.request);
}

Response unbound_device(const Call& call) {
    return problem(http::status::forbidden, "Device not bound",
                   "这台电视还没有和您家绑定，暂时不能预约。请联系社区工作人员绑定。", call.request);
}

// The free slots of the same schedule on the same day, for a 409 answer.
json alternatives(Database& db, std::int64_t slot_id) {
    Statement s = db.prepare(std::string("SELECT ") + kSlotColumns +
                             " FROM slots WHERE closed = 0 AND schedule_id = (SELECT schedule_id FROM slots WHERE id = ?1)"
                             " AND substr(start, 1, 10) = (SELECT substr(start, 1, 10) FROM slots WHERE id = ?1)"
                             " AND booked < capacity AND id != ?1 ORDER BY start");
    s.bind(1, slot_id);
    json out = json::array();
    while (s.step()) out.push_back(slot_json(s));
    return out;
}

struct Booking {
    std::int64_t slot_id = 0;
    std::string name, phone, id_number;
};

constexpr int kMaxOpenAppointments = 10;

// The phone an account books with: the resident's own, or the household's a box is bound to.
std::string account_phone(Database& db, const Principal& who) {
    Statement s = db.prepare(who.resident_id ? "SELECT phone FROM residents WHERE id = ?" : "SELECT phone FROM households WHERE id = ?");
    return s.bind(1, who.resident_id ? who.resident_id : who.household_id).step() ? s.text(0) : "";
}

Response not_your_phone(const Call& call, bool by_device) {
    return problem(http::status::forbidden, "Not the signed-in phone",
                   by_device ? "这台电视只能用绑定家庭的手机号预约。"
                             : "只能用您登录的手机号预约。替家人预约，请用家人的手机号登录。",
                   call.request);
}

// Why the slot cannot be booked (or taken again) by `owner` now, if it cannot: it has started or
// ended, its service is closed, or the account already holds the most appointments still to come.
std::optional<Response> slot_refusal(const Call& call, Database& db, std::int64_t slot_id, const std::string& owner) {
    const auto now = now_s();
    Statement slot = db.prepare("SELECT s.start, sc.active FROM slots s JOIN schedules sc ON sc.id = s.schedule_id WHERE s.id = ?");
    if (!slot.bind(1, slot_id).step())
        return problem(http::status::not_found, "No such slot", "这个时间段不存在，请重新选择。", call.request);
    // Slot times keep the offset staff gave them, so they are compared as moments, not as text.
    long long start = 0;
    if (!cap_time_to_epoch(slot.text(0), start) || start <= now)
        return problem(http::status::conflict, "Slot started", "这个时间段已经开始或过去了，不能再预约，请选择以后的时间。", call.request);
    if (!slot.integer(1))
        return problem(http::status::conflict, "Service closed", "这项服务现在不接受预约，请联系社区工作人员。", call.request);
    Statement ends = db.prepare("SELECT s.\"end\" FROM appointments a JOIN slots s ON s.id = a.slot_id "
                                "WHERE a.owner = ? AND a.status = 'booked'");
    ends.bind(1, owner);
    int open = 0;
    for (long long end = 0; ends.step();) open += cap_time_to_epoch(ends.text(0), end) && end > now;
    if (open >= kMaxOpenAppointments)
        return problem(http::status::conflict, "Too many open appointments",
                       "您已经有 " + std::to_string(kMaxOpenAppointments) +
                           " 个还没办理的预约了，一个人最多同时预约 " + std::to_string(kMaxOpenAppointments) +
                           " 个。请先办理或取消一个，再预约新的。",
                       call.request);
    return std::nullopt;
}

// Checks the body; returns the 400 (403 for someone else's phone) to send, or nothing. `phone`
// may be left out: the account's is used.
// A bound set-top box books for the household staff verified when binding it, and a remote has no
// letters: the ID number is checked at the counter instead.
std::optional<Response> parse_booking(const Call& call, Database& db, const Principal& who, Booking& b) {
    const bool by_device = who.device_id != 0;
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return error;
    b.slot_id = id_field(body, "slot_id", invalid);
    b.name = string_field(body, "name", true, 1, 30, invalid);
    b.phone = string_field(body, "phone", false, 1, 20, invalid);
    b.id_number = string_field(body, "id_number", false, 18, 18, invalid);
    if (!invalid.empty()) return invalid_body(call, invalid);
    if (check_name(b.name) != InputError::None) return invalid_body(call, {{{"name", "name"}, {"reason", "not a name"}}}, "请填写姓名。");
    if (!b.phone.empty() && check_mobile(b.phone) != InputError::None)
        return invalid_body(call, {{{"name", "phone"}, {"reason", "not a mobile number"}}}, "手机号码应该是 11 位数字，以 1 开头。");
    const std::string own = account_phone(db, who);
    if (!b.phone.empty() && b.phone != own) return not_your_phone(call, by_device);
    b.phone = own;
    Statement need = db.prepare("SELECT sc.needs_id_number FROM slots s JOIN schedules sc ON sc.id = s.schedule_id WHERE s.id = ?");
    if (!need.bind(1, b.slot_id).step())
        return problem(http::status::not_found, "No such slot", "这个时间段不存在，请重新选择。", call.request);
    if (need.integer(0) && b.id_number.empty() && !by_device)
        return invalid_body(call, {{{"name", "id_number"}, {"reason", "this service needs it"}}}, "这项服务需要填写身份证号。");
    if (!b.id_number.empty() && check_id_number(b.id_number) != InputError::None)
        return invalid_body(call, {{{"name", "id_number"}, {"reason", "not a valid ID number"}}}, "身份证号不对，请再核对一下。");
    return std::nullopt;
}

// A ticket's code: six digits, which an older resident reads out at the counter as 三八二六一五
// without the letters that sound or look alike (D/T, M/N, 8/B); unique among all appointments
// (a new draw on the rare clash, inside the caller's transaction: nothing can take it meanwhile).
std::string new_ticket_code(Database& db) {
    for (int i = 0; i < 1000; ++i) {  // bounded: a handler must never spin on the I/O thread
        std::string code = random_digits(kTicketCodeDigits);
        if (!db.prepare("SELECT 1 FROM appointments WHERE code = ?").bind(1, code).step()) return code;
    }
    throw std::runtime_error("no free ticket code");  // a logged 500; the transaction rolls back
}

// Takes a seat and writes the appointment, inside the caller's transaction. A refusal changes nothing.
Response book(const Call& call, Database& db, const IdNumbers& id_numbers, const Booking& b, const std::string& owner) {
    if (db.prepare("SELECT 1 FROM appointments WHERE slot_id = ? AND (phone = ? OR owner = ?) AND status = 'booked'")
            .bind(1, b.slot_id).bind(2, b.phone).bind(3, owner).step())
        return problem(http::status::conflict, "Already booked", "您已经约过这个时间段了，一个时间段只能约一次。", call.request);
    if (auto refused = slot_refusal(call, db, b.slot_id, owner)) return *refused;
    db.prepare("UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity AND closed = 0").bind(1, b.slot_id).run();
    if (db.changes() == 0)
        return problem(http::status::conflict, "Slot full", "这个时间段已经约满了，请选择其他时间。", call.request,
                       {{"alternatives", alternatives(db, b.slot_id)}});
    Statement ins = db.prepare(
        "INSERT INTO appointments (code, slot_id, owner, name, phone, id_number_hmac, id_number_last4, status, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, 'booked', ?)");
    ins.bind(1, new_ticket_code(db)).bind(2, b.slot_id).bind(3, owner).bind(4, b.name).bind(5, b.phone);
    if (b.id_number.empty()) ins.bind_null(6).bind_null(7);
    else ins.bind(6, id_numbers.hmac(b.id_number)).bind(7, IdNumbers::last4(b.id_number));
    ins.bind(8, now_iso()).run();
    return json_response(http::status::created, *load_appointment(db, db.last_insert_id(), owner), call.request);
}

Response handle_booking(const Call& call, Database& db, Auth& auth, const IdNumbers& id_numbers) {
    const auto who = auth.principal(call.request);
    if (!who) return not_signed_in(call);
    if (who->owner.empty()) return unbound_device(call);
    const auto key_it = call.request.find("Idempotency-Key");
    const std::string key = key_it == call.request.end() ? "" : std::string(key_it->value());
    if (key.size() < 8 || key.size() > 100)
        return invalid_body(call, {{{"name", "Idempotency-Key"}, {"reason", "header of 8 to 100 characters required"}}},
                            "请求缺少防重复标记，请重试。");
    const std::string request_hash = sha256_hex(call.request.body());

    Transaction tx(db);
    Statement seen = db.prepare("SELECT request_hash, status, body FROM idempotency WHERE owner = ? AND key = ?");
    if (seen.bind(1, who->owner).bind(2, key).step()) {  // a retry: the first answer, nothing booked again
        if (seen.text(0) != request_hash)
            return problem(http::status::conflict, "Idempotency key reused", "这次提交和上一次不一样，请刷新后重试。", call.request);
        Response res{static_cast<http::status>(seen.integer(1)), call.request.version()};
        res.set(http::field::content_type, seen.integer(1) < 300 ? "application/json" : "application/problem+json");
        res.body() = seen.text(2);
        res.keep_alive(call.request.keep_alive());
        res.prepare_payload();
        return res;
    }
    Booking b;
    Response res = [&] {
        if (auto bad = parse_booking(call, db, *who, b)) return *bad;
        return book(call, db, id_numbers, b, who->owner);
    }();
    // Every answer is kept under its key, so a retry (a lost response, a double tap) gets the same one.
    db.prepare("INSERT INTO idempotency (owner, key, request_hash, status, body, created) VALUES (?, ?, ?, ?, ?, ?)")
        .bind(1, who->owner).bind(2, key).bind(3, request_hash)
        .bind(4, static_cast<std::int64_t>(res.result_int())).bind(5, res.body()).bind(6, now_iso()).run();
    tx.commit();
    return res;
}

// "10 分钟" for whole minutes, otherwise seconds: the window as a resident is told it.
std::string duration_words(int seconds) {
    if (seconds >= 60 && seconds % 60 == 0) return std::to_string(seconds / 60) + " 分钟";
    return std::to_string(seconds) + " 秒";
}

Response too_late_to_restore(const Call& call, int undo_window_s) {
    const std::string detail = undo_window_s == 0
        ? "已经取消的预约不能撤销，请重新预约。"
        : "取消已经超过 " + duration_words(undo_window_s) + "，不能撤销了，请重新预约。";
    return problem(http::status::conflict, "Undo window passed", detail, call.request);
}

// cancelled_at is stored in China time with its offset.
bool within_undo_window(Database& db, std::int64_t id, int undo_window_s) {
    Statement s = db.prepare("SELECT cancelled_at FROM appointments WHERE id = ?");
    long long cancelled = 0;
    if (!s.bind(1, id).step() || s.is_null(0) || !cap_time_to_epoch(s.text(0), cancelled)) return false;
    return now_s() - cancelled < undo_window_s;
}

// The same phone booked this slot again after cancelling: restoring would be a second seat.
bool booked_again(Database& db, std::int64_t id) {
    return db.prepare("SELECT 1 FROM appointments a JOIN appointments b ON b.slot_id = a.slot_id AND b.phone = a.phone "
                      "WHERE a.id = ? AND b.status = 'booked'")
        .bind(1, id).step();
}

// Takes back a cancellation: the seat is taken again in the same transaction, so a slot that filled
// up meanwhile is refused and nothing changes. Restoring a booked appointment changes nothing.
Response handle_restore(const Call& call, Database& db, Auth& auth, int undo_window_s) {
    const auto who = auth.principal(call.request);
    if (!who) return not_signed_in(call);
    std::int64_t id;
    Transaction tx(db);
    const auto found = path_id(call, id) ? load_appointment(db, id, who->owner) : std::nullopt;
    if (!found) return not_found(call);
    const std::string status = (*found)["status"];
    if (status == "booked") return json_response(http::status::ok, *found, call.request);  // a repeated tap
    if (status != "cancelled")
        return problem(http::status::conflict, "Cannot restore", "这个预约已经办理过，不能撤销。", call.request);
    if (!within_undo_window(db, id, undo_window_s)) return too_late_to_restore(call, undo_window_s);
    if (booked_again(db, id))
        return problem(http::status::conflict, "Already booked", "这个时间段您已经重新约上了，不用再撤销。", call.request);
    const std::int64_t slot_id = (*found)["slot"]["id"];
    if (auto refused = slot_refusal(call, db, slot_id, who->owner)) return *refused;
    db.prepare("UPDATE slots SET booked = booked + 1 WHERE id = ? AND booked < capacity AND closed = 0").bind(1, slot_id).run();
    if (db.changes() == 0)
        return problem(http::status::conflict, "Slot full", "这个时间段已经被别人约走了，请重新预约。", call.request,
                       {{"alternatives", alternatives(db, slot_id)}});
    db.prepare("UPDATE appointments SET status = 'booked', cancelled_at = NULL WHERE id = ?").bind(1, id).run();
    tx.commit();
    return json_response(http::status::ok, *load_appointment(db, id, who->owner), call.request);
}

}  // namespace

void add_appointment_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, const IdNumbers& id_numbers,
                            int undo_window_s) {
    router.add(http::verb::post, "/api/v1/appointments",
               [&db, &auth, &id_numbers](const Call& call) { return handle_booking(call, db, auth, id_numbers); });

    router.add(http::verb::get, "/api/v1/appointments", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return not_signed_in(call);
        json items = json::array();
        if (!who->owner.empty()) {
            Statement s = db.prepare(kAppointmentSelect + " WHERE a.owner = ? ORDER BY a.id DESC");
            s.bind(1, who->owner);
            while (s.step()) items.push_back(appointment_json(s));
        }
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });

    router.add(http::verb::get, "/api/v1/appointments/{id}", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return not_signed_in(call);
        std::int64_t id;
        const auto found = path_id(call, id) ? load_appointment(db, id, who->owner) : std::nullopt;
        if (!found) return not_found(call);
        return json_response(http::status::ok, *found, call.request);
    });

    // Staff record what happened at the counter: the resident came (fulfilled) or did not (noshow).
    router.add(http::verb::patch, "/api/v1/staff/appointments/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kCaseworker | kDispatcher, who)) return *refused;
        std::int64_t id;
        Statement owner = db.prepare("SELECT owner, status FROM appointments WHERE id = ?");
        if (!path_id(call, id) || !owner.bind(1, id).step()) return not_found(call);
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string status = string_field(body, "status", true, 1, 20, invalid);
        if (invalid.empty() && status != "fulfilled" && status != "noshow")
            invalid.push_back({{"name", "status"}, {"reason", "must be fulfilled or noshow"}});
        if (!invalid.empty()) return invalid_body(call, invalid);
        if (owner.text(1) != "booked")
            return problem(http::status::conflict, "Not booked", "这个预约已经取消或办结了。", call.request);
        Transaction tx(db);
        db.prepare("UPDATE appointments SET status = ? WHERE id = ?").bind(1, status).bind(2, id).run();
        audit(db, who, call.peer, "appointment." + status, "appointment:" + std::to_string(id), {{"status", "booked"}}, {{"status", status}});
        tx.commit();
        return json_response(http::status::ok, *load_appointment(db, id, owner.text(0)), call.request);
    });

    router.add(http::verb::post, "/api/v1/appointments/{id}/cancel", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return not_signed_in(call);
        std::int64_t id;
        Transaction tx(db);
        const auto found = path_id(call, id) ? load_appointment(db, id, who->owner) : std::nullopt;
        if (!found) return not_found(call);
        const std::string status = (*found)["status"];
        if (status == "booked") {
            db.prepare("UPDATE appointments SET status = 'cancelled', cancelled_at = ? WHERE id = ?").bind(1, now_iso()).bind(2, id).run();
            db.prepare("UPDATE slots SET booked = booked - 1 WHERE id = ?").bind(1, (*found)["slot"]["id"].get<std::int64_t>()).run();
        } else if (status != "cancelled") {
            return problem(http::status::conflict, "Cannot cancel", "这个预约已经办理过，不能取消。", call.request);
        }
        tx.commit();
        return json_response(http::status::ok, *load_appointment(db, id, who->owner), call.request);
    });

    router.add(http::verb::post, "/api/v1/appointments/{id}/restore", [&db, &auth, undo_window_s](const Call& call) {
        return handle_restore(call, db, auth, undo_window_s);
    });
}

}  // namespace elder::server
