// Staff managing set-top boxes and kiosks (admins): enrolment codes for installers, the list of
// devices with their household, last contact and whether their alert stream is connected now;
// binding a box to a household, unbinding it, revoking a lost box's token. Each change is audited.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "devices.hpp"
#include "enrolment.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "stream_presence.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr int kEnrolmentCodeHours = 24;     // an installer's working day
constexpr int kMaxEnrolmentCodeHours = 72;  // a code waiting longer is a code lying about

json staff_device_json(const Statement& s, const std::function<bool(std::int64_t)>& stream_connected) {
    return {{"id", s.integer(0)}, {"kind", s.text(1)}, {"serial", s.text(2)}, {"created", s.text(3)},
            {"last_seen", s.is_null(4) ? json(nullptr) : json(iso_from_epoch(s.integer(4)))},
            {"household", s.is_null(5) ? json(nullptr) : json{{"name", s.text(5)}, {"phone", s.text(6)}}},
            {"stream_connected", stream_connected(s.integer(0)) || s.integer(7) != 0}};
}

// The {id} device, or the 404 to answer.
std::optional<Response> find_device(const Call& call, Database& db, std::int64_t& id) {
    if (path_id(call, id) && db.prepare("SELECT 1 FROM devices WHERE id = ?").bind(1, id).step()) return std::nullopt;
    return problem(http::status::not_found, "Not found", "没有找到这台设备。", call.request);
}

Response device_list(const Call& call, Database& db, const std::function<bool(std::int64_t)>& stream_connected) {
    json invalid = json::array();
    std::int64_t limit = 50, cursor = 0;
    query_int(call, "limit", 1, 200, limit, invalid);
    query_int(call, "cursor", 1, INT64_MAX, cursor, invalid);
    const auto kind = call.query.find("kind");
    const std::string k = kind == call.query.end() ? "" : kind->second;
    if (!k.empty() && k != "stb" && k != "kiosk") invalid.push_back({{"name", "kind"}, {"reason", "stb or kiosk"}});
    const auto q = call.query.find("q");
    const std::string text = q == call.query.end() ? "" : q->second;
    if (text.size() > 100) invalid.push_back({{"name", "q"}, {"reason", "at most 100 bytes"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(
        "SELECT d.id, d.kind, d.serial, d.created, d.last_seen, h.name, h.phone, "
        // A stream on another replica, as of that replica's last periodic check (stream_presence.hpp).
        "EXISTS (SELECT 1 FROM device_streams ds JOIN replicas r ON r.id = ds.replica WHERE ds.device_id = d.id AND r.seen_at >= ?5) "
        "FROM devices d "
        "LEFT JOIN households h ON h.id = d.household_id WHERE (?1 = 0 OR d.id < ?1) AND (?2 = '' OR d.kind = ?2) "
        "AND (?3 = '' OR instr(d.serial, ?3) > 0 OR instr(COALESCE(h.name, ''), ?3) > 0 OR CAST(d.id AS TEXT) = ?3) "
        "ORDER BY d.id DESC LIMIT ?4");
    s.bind(1, cursor).bind(2, k).bind(3, text).bind(4, limit + 1).bind(5, now_s() - StreamPresence::kStaleS);
    json next;
    const json items = read_page(s, limit, [&](const Statement& row) { return staff_device_json(row, stream_connected); },
                                 [](const json& last) { return json(std::to_string(last["id"].get<std::int64_t>())); }, next);
    return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
}

}  // namespace

void add_staff_device_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, DeviceStreams streams) {
    const auto stream_connected = streams.connected;
    const auto hang_up = streams.hang_up;
    router.add(http::verb::get, "/api/v1/staff/devices", [&db, &auth, &staff, stream_connected](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        auth.write_last_seen();  // the list shows each box's last contact as of now
        return device_list(call, db, stream_connected);
    });

    // Staff hand an installer a code to register one box with (typed into its box.json).
    router.add(http::verb::post, "/api/v1/staff/enrolment-codes", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        int hours = kEnrolmentCodeHours;
        if (!call.request.body().empty()) {
            json body;
            if (auto error = read_json_body(call, body)) return *error;
            const auto it = body.find("valid_hours");
            if (it != body.end() && (!it->is_number_integer() || it->get<std::int64_t>() < 1 || it->get<std::int64_t>() > kMaxEnrolmentCodeHours))
                return invalid_body(call, json::array({{{"name", "valid_hours"}, {"reason", "must be 1 to 72"}}}));
            if (it != body.end()) hours = it->get<int>();
        }
        Transaction tx(db);
        const EnrolmentCode issued = issue_enrolment_code(db, hours * 3600);
        audit(db, who, call.peer, "device.enrolment_code", "enrolment", nullptr, {{"valid_hours", hours}});
        tx.commit();
        return json_response(http::status::created, {{"code", issued.code}, {"expires_at", iso_from_epoch(issued.expires_at)}},
                             call.request);
    });

    // A box that was stolen or given away: its token stops working; it must be enrolled again.
    router.add(http::verb::delete_, "/api/v1/staff/devices/{id}/token", [&db, &auth, &staff, hang_up](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        std::int64_t id;
        if (auto missing = find_device(call, db, id)) return *missing;
        Transaction tx(db);
        auth.revoke_device(id);
        audit(db, who, call.peer, "device.revoke", "device:" + std::to_string(id));
        tx.commit();
        hang_up(id);  // its stream carried the household's events: it ends, on whichever replica
        return no_content(call.request);
    });

    router.add(http::verb::put, "/api/v1/staff/devices/{id}/household", [&db, &staff, hang_up](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        std::int64_t id;
        if (auto missing = find_device(call, db, id)) return *missing;
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        // A household staff keep already (a second box in the same home), or a new one.
        const bool existing = body.contains("household_id");
        const std::int64_t household = existing ? id_field(body, "household_id", invalid) : 0;
        const std::string name = existing ? "" : string_field(body, "household_name", true, 1, 50, invalid);
        const std::string phone = existing ? "" : string_field(body, "phone", true, 11, 11, invalid);
        if (invalid.empty() && !existing && check_mobile(phone) != InputError::None)
            invalid.push_back({{"name", "phone"}, {"reason", "not a mainland mobile number"}});
        if (!invalid.empty()) return invalid_body(call, invalid);
        Transaction tx(db);
        if (existing && !db.prepare("SELECT 1 FROM households WHERE id = ? AND archived = 0").bind(1, household).step())
            return invalid_body(call, json::array({{{"name", "household_id"}, {"reason", "no such household"}}}));
        // A new household's phone is its resident's: the member who, signed in on a kiosk or a
        // browser, confirms alerts and checks in for the same household as the box.
        if (!existing) {
            Statement member = db.prepare("SELECT h.id, h.name FROM household_members m JOIN households h ON h.id = m.household_id "
                                          "WHERE m.phone = ?");
            if (member.bind(1, phone).step())
                return problem(http::status::conflict, "Phone in another household",
                               "这个手机号已经是另一户的成员，请把机顶盒绑定到那一户。", call.request,
                               {{"household", {{"id", member.integer(0)}, {"name", member.text(1)}}}});
        }
        if (!existing) db.prepare("INSERT INTO households (name, phone) VALUES (?, ?)").bind(1, name).bind(2, phone).run();
        const std::int64_t bound_to = existing ? household : db.last_insert_id();
        if (!existing)
            db.prepare("INSERT INTO household_members (household_id, name, phone) VALUES (?, ?, ?)")
                .bind(1, bound_to).bind(2, name).bind(3, phone).run();
        const json before = device_json(db, id);
        db.prepare("UPDATE devices SET household_id = ? WHERE id = ?").bind(1, bound_to).bind(2, id).run();
        audit(db, who, call.peer, "device.bind", "device:" + std::to_string(id), before, device_json(db, id));
        tx.commit();
        hang_up(id);  // its stream reconnects with the household's events
        return json_response(http::status::ok, device_json(db, id), call.request);
    });

    router.add(http::verb::delete_, "/api/v1/staff/devices/{id}/household", [&db, &staff, hang_up](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        std::int64_t id;
        if (auto missing = find_device(call, db, id)) return *missing;
        Transaction tx(db);
        const json before = device_json(db, id);
        db.prepare("UPDATE devices SET household_id = NULL WHERE id = ?").bind(1, id).run();
        audit(db, who, call.peer, "device.unbind", "device:" + std::to_string(id), before, device_json(db, id));
        tx.commit();
        hang_up(id);
        return json_response(http::status::ok, device_json(db, id), call.request);
    });
}

}  // namespace elder::server
