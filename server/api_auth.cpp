// Sign-in with phone + one-time code, device registration and a box asking about itself; staff
// ending a resident's sign-ins. Staff managing devices: api_staff_devices.cpp.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "devices.hpp"
#include "enrolment.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

}  // namespace

void add_auth_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, bool dev_otp) {
    router.add(http::verb::post, "/api/v1/auth/otp", [&auth](const Call& call) {
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string phone = string_field(body, "phone", true, 1, 20, invalid);
        if (!invalid.empty()) return invalid_body(call, invalid, "请填写手机号码。");
        if (auto refused = auth.send_code(call, phone)) return *refused;
        return json_response(http::status::accepted, {{"expires_in_s", 300}}, call.request);
    });

    router.add(http::verb::post, "/api/v1/auth/token", [&auth](const Call& call) {
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string phone = string_field(body, "phone", true, 11, 11, invalid);
        const std::string code = string_field(body, "code", true, 6, 6, invalid);
        const auto kiosk = body.find("kiosk");
        if (kiosk != body.end() && !kiosk->is_boolean()) invalid.push_back({{"name", "kiosk"}, {"reason", "must be true or false"}});
        if (!invalid.empty() || check_mobile(phone) != InputError::None)
            return invalid_body(call, invalid.empty() ? json::array({{{"name", "phone"}, {"reason", "not a mobile number"}}}) : invalid,
                                "请填写 11 位手机号码和 6 位验证码。");
        std::string token;
        std::int64_t expires = 0;
        const bool on_kiosk = kiosk != body.end() && kiosk->is_boolean() && kiosk->get<bool>();
        if (auto refused = auth.exchange(call, phone, code, on_kiosk, token, expires)) return *refused;
        return json_response(http::status::ok, {{"token", token}, {"expires_at", iso_from_epoch(expires)}}, call.request);
    });

    router.add(http::verb::post, "/api/v1/auth/logout", [&auth](const Call& call) {
        if (!auth.principal(call.request))
            return problem(http::status::unauthorized, "Not signed in", "您还没有登录。", call.request);
        auth.revoke(call.request);
        return no_content(call.request);
    });

    // Signing out everywhere: a lost phone, a kiosk left signed in, a token that was shown to someone.
    router.add(http::verb::post, "/api/v1/auth/logout/all", [&auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who || !who->resident_id)
            return problem(http::status::unauthorized, "Not signed in", "您还没有登录。", call.request);
        auth.revoke_resident(who->resident_id);
        return no_content(call.request);
    });

    if (dev_otp) {  // documented development endpoint: only a server started with --dev-otp has it
        router.add(http::verb::get, "/api/v1/dev/otp", [&auth](const Call& call) {
            const auto phone = call.query.find("phone");
            const auto code = phone == call.query.end() ? auth.last_codes.end() : auth.last_codes.find(phone->second);
            if (code == auth.last_codes.end())
                return problem(http::status::not_found, "No code", "这个号码还没有获取过验证码。", call.request);
            return json_response(http::status::ok, {{"code", code->second}}, call.request);
        });
    }

    // Registration needs the staff token or a live enrolment code: otherwise anyone could register
    // a real box's serial first, and the box would get 409 for its own serial.
    router.add(http::verb::post, "/api/v1/devices", [&db, &auth, &staff](const Call& call) {
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string kind = string_field(body, "kind", true, 1, 10, invalid);
        const std::string serial = string_field(body, "serial", true, 1, 100, invalid);
        const std::string code = string_field(body, "enrolment_code", false, 1, 40, invalid);
        if (invalid.empty() && kind != "stb" && kind != "kiosk") invalid.push_back({{"name", "kind"}, {"reason", "must be stb or kiosk"}});
        if (!invalid.empty()) return invalid_body(call, invalid);
        // The staff token and enrolment codes are secrets: guessing them here is slowed like anywhere.
        if (auto wait = auth.staff_wait(call.request, call.peer)) return *wait;
        StaffCaller who;
        const bool by_staff = !staff.refuse(call, kAdmin, who);
        // Only a bearer that is nobody's counts as a guess (not a dispatcher's session, the feed
        // key, or a box's or resident's own token).
        if (!by_staff && bearer_token(call.request) && !staff.caller(call.request) && !staff.is_feed_key(call.request) &&
            !auth.principal(call.request))
            auth.failed_staff_auth(call.peer);
        if (!by_staff && code.empty())
            return problem(http::status::unauthorized, "Enrolment code required",
                           "这台设备还没有登记码。请联系社区工作人员要一个登记码，填到设备设置里。", call.request);
        if (!by_staff && !enrolment_code_live(db, code)) {
            auth.failed_staff_auth(call.peer);  // guessing codes is guessing a staff secret
            return problem(http::status::forbidden, "Enrolment code not valid",
                           "登记码不对，或者已经用过、过期了。请联系社区工作人员重新要一个登记码。", call.request);
        }
        Transaction tx(db);
        // A serial registers once: otherwise anyone who reads a box's label could act for its household.
        if (db.prepare("SELECT 1 FROM devices WHERE kind = ? AND serial = ?").bind(1, kind).bind(2, serial).step())
            return problem(http::status::conflict, "Already registered",
                           "这台设备已经登记过了，请联系社区工作人员重新登记。", call.request);
        db.prepare("INSERT INTO devices (kind, serial, created) VALUES (?, ?, ?)").bind(1, kind).bind(2, serial).bind(3, now_iso()).run();
        const std::int64_t id = db.last_insert_id();
        if (!by_staff) spend_enrolment_code(db, code, id);
        else audit(db, who, call.peer, "device.register", "device:" + std::to_string(id), nullptr, {{"kind", kind}, {"serial", serial}});
        std::int64_t expires = 0;
        const std::string token = auth.issue_device_token(id, expires);
        tx.commit();
        json out = device_json(db, id);
        out["token"] = token;
        return json_response(http::status::created, out, call.request);
    });

    // A set-top box asks whether staff have bound it yet, and which name and phone to book with.
    router.add(http::verb::get, "/api/v1/devices/me", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who || !who->device_id)  // a resident's token names no device
            return problem(http::status::unauthorized, "Device token required", "这个接口只供登记过的设备使用。",
                           call.request);
        return json_response(http::status::ok, device_json(db, who->device_id, true), call.request);
    });

    // A resident's lost phone or a sign-in left open: staff end all of their sign-ins. The phone is
    // in the body, not the path, so that it never reaches a request log.
    router.add(http::verb::post, "/api/v1/staff/residents/sign-out", [&db, &auth, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin | kDispatcher, who)) return *refused;
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string phone = string_field(body, "phone", true, 11, 11, invalid);
        if (!invalid.empty() || check_mobile(phone) != InputError::None)
            return invalid_body(call, json::array({{{"name", "phone"}, {"reason", "not a mainland mobile number"}}}), "请填写 11 位手机号码。");
        Statement r = db.prepare("SELECT id FROM residents WHERE phone = ?");
        if (!r.bind(1, phone).step())
            return problem(http::status::not_found, "Not found", "这个号码还没有登录过。", call.request);
        Transaction tx(db);
        auth.revoke_resident(r.integer(0));
        audit(db, who, call.peer, "resident.sign_out", "resident:" + std::to_string(r.integer(0)));
        tx.commit();
        return no_content(call.request);
    });
}

}  // namespace elder::server
