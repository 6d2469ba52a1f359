// Staff sign-in, sessions and accounts, and the audit log.
//
// Passwords are checked and hashed on the offload worker (Argon2id is slow on purpose); everything
// else runs on the I/O thread. Guessing is slowed three ways: per address (StaffGuard: free
// failures, then doubling waits, shared with the other staff credentials), per account (locked
// after a run of wrong passwords) and by the hash itself; an unknown name costs the same as a
// wrong password, so the answer never tells which names exist.

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "china_time.hpp"
#include "http_rules.hpp"
#include "log.hpp"
#include "passwords.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;


const char* const kWrongPassword = "登录名或密码不对。连续输错 5 次，账号会锁定 15 分钟。";

Response offload_busy(const Request& request) {
    return retry_later(http::status::service_unavailable, "Busy", "服务器正忙，请过几秒再试。", request, 2);
}

json session_json(const StaffMember& m, const std::string& csrf, std::int64_t expires_at, int idle_s) {
    return {{"staff", staff_json(m)}, {"csrf_token", csrf}, {"expires_at", iso_from_epoch(expires_at)},
            {"idle_timeout_s", idle_s}};
}

// The account as the audit log keeps it: never the password hash.
json account_record(const StaffMember& m) { return staff_json(m); }

struct SignInInput {
    std::string name, password;
    bool bearer = false;
};

std::optional<Response> parse_sign_in(const Call& call, SignInInput& in) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return error;
    in.name = string_field(body, "name", true, 1, 64, invalid);
    in.password = string_field(body, "password", true, 1, kMaxPasswordBytes, invalid);
    const std::string kind = string_field(body, "kind", false, 0, 10, invalid);
    if (invalid.empty() && !kind.empty() && kind != "cookie" && kind != "bearer")
        invalid.push_back({{"name", "kind"}, {"reason", "must be cookie or bearer"}});
    in.bearer = kind == "bearer";
    if (!invalid.empty()) return invalid_body(call, invalid, "请填写登录名和密码。");
    return std::nullopt;
}

// After the password was checked (on the I/O thread again).
Response finish_sign_in(const Request& request, const std::string& address, Database& db, Auth& auth, StaffAuth& staff,
                        const std::optional<StaffMember>& member, const SignInInput& in, bool good) {
    if (!good || !member) {
        auth.failed_staff_auth(address);
        Transaction tx(db);
        audit_attempt(db, in.name, address, "session.sign_in_failed");
        const int locked = member ? staff.failed_password(member->id) : 0;
        if (locked) audit_attempt(db, in.name, address, "staff.locked", {{"seconds", locked}});
        tx.commit();
        return problem(http::status::unauthorized, "Wrong name or password", kWrongPassword, request);
    }
    if (!member->active)
        return problem(http::status::forbidden, "Account disabled", "这个账号已停用，请找管理员。", request);
    std::string csrf;
    std::int64_t expires_at = 0;
    Transaction tx(db);
    staff.good_password(member->id);
    const std::string token = staff.open_session(member->id, !in.bearer, csrf, expires_at);
    StaffCaller who{*member, "", !in.bearer, false};
    audit(db, who, address, "session.sign_in", "staff:" + member->name, nullptr, {{"kind", in.bearer ? "bearer" : "cookie"}});
    tx.commit();
    json out = session_json(*member, csrf, expires_at, staff.settings().idle_s);
    if (in.bearer) out["token"] = token;
    Response res = json_response(http::status::created, out, request);
    if (!in.bearer) res.set(http::field::set_cookie, staff.set_cookie(request, token, staff.settings().max_age_s));
    return res;
}

void sign_in(const Call& call, const Respond& respond, Database& db, Auth& auth, StaffAuth& staff, Offload& offload) {
    SignInInput in;
    if (auto bad = parse_sign_in(call, in)) return respond(std::move(*bad));
    const auto member = find_staff(db, in.name);
    if (member && member->locked_until > now_s()) {
        const int wait = static_cast<int>(member->locked_until - now_s());
        return respond(too_many_requests(call.request, "这个账号密码输错次数太多，已暂时锁定。请 " + std::to_string((wait + 59) / 60) +
                                                           " 分钟后再试，或请管理员解锁。", wait));
    }
    const std::string hash = member ? staff_password_hash(db, member->id) : std::string();
    const Request& request = call.request;
    const bool queued = offload.run(
        [hash, password = in.password] { return verify_password(hash.empty() ? decoy_hash() : hash, password); },
        [&db, &auth, &staff, &request, respond, address = call.peer, member, in](std::optional<bool> good) {
            if (!good) return respond(internal_error(request.version()));
            respond(finish_sign_in(request, address, db, auth, staff, member, in, *good));
        });
    if (!queued) respond(offload_busy(call.request));
}

struct AccountInput {
    StaffMember member;
    std::string password;
};

std::optional<Response> parse_new_account(const Call& call, AccountInput& in) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return error;
    in.member.name = string_field(body, "name", true, 2, 32, invalid);
    in.member.display_name = string_field(body, "display_name", true, 1, 20, invalid);
    in.password = string_field(body, "password", true, 1, kMaxPasswordBytes, invalid);
    if (invalid.empty() && !valid_staff_name(in.member.name))
        invalid.push_back({{"name", "name"}, {"reason", "2-32 of a-z, 0-9, '.', '_', '-'"}});
    const auto roles = parse_roles(body.value("roles", json()));
    if (!roles) invalid.push_back({{"name", "roles"}, {"reason", "a list of dispatcher, caseworker, editor, approver, admin"}});
    else in.member.roles = *roles;
    if (!invalid.empty()) return invalid_body(call, invalid, "账号信息填写有误，请检查后再提交。");
    if (const auto weak = password_problem(in.member.name, in.password))
        return invalid_body(call, json::array({{{"name", "password"}, {"reason", "too weak"}}}), *weak);
    return std::nullopt;
}

// The admins who could still sign in if `except` lost the role or the account.
int other_active_admins(Database& db, std::int64_t except) {
    int n = 0;
    Statement s = db.prepare("SELECT id FROM staff WHERE active = 1 AND id != ?");
    s.bind(1, except);
    while (s.step())
        if (const auto m = find_staff(db, s.integer(0)); m && (m->roles & kAdmin)) ++n;
    return n;
}

Response last_admin(const Request& request) {
    return problem(http::status::conflict, "Last admin", "这是最后一个能用的管理员账号，不能停用或去掉管理员角色。请先给另一位同事管理员角色。",
                   request);
}

// PATCH /staff/accounts/{id}: display_name, roles, active, unlock.
Response update_account(const Call& call, Database& db, StaffAuth& staff, const StaffCaller& who, const StaffMember& before) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    StaffMember after = before;
    if (body.contains("display_name")) after.display_name = string_field(body, "display_name", true, 1, 20, invalid);
    if (body.contains("roles")) {
        const auto roles = parse_roles(body["roles"]);
        if (!roles) invalid.push_back({{"name", "roles"}, {"reason", "a list of dispatcher, caseworker, editor, approver, admin"}});
        else after.roles = *roles;
    }
    for (const char* flag : {"active", "unlock"})
        if (body.contains(flag) && !body[flag].is_boolean()) invalid.push_back({{"name", flag}, {"reason", "must be true or false"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    if (body.contains("active")) after.active = body["active"].get<bool>();
    const bool unlock = body.value("unlock", false);
    if ((before.roles & kAdmin) && before.active && (!(after.roles & kAdmin) || !after.active) && other_active_admins(db, before.id) == 0)
        return last_admin(call.request);
    Transaction tx(db);
    db.prepare("UPDATE staff SET display_name = ?, roles = ?, active = ? WHERE id = ?")
        .bind(1, after.display_name).bind(2, roles_text(after.roles))
        .bind(3, static_cast<std::int64_t>(after.active)).bind(4, before.id).run();
    if (unlock) staff.good_password(before.id);
    if (!after.active || after.roles != before.roles) staff.close_sessions_of(before.id);  // takes effect now, not at next sign-in
    audit(db, who, call.peer, unlock ? "staff.unlock" : "staff.update", "staff:" + before.name, account_record(before), account_record(after));
    tx.commit();
    return json_response(http::status::ok, staff_json(*find_staff(db, before.id)), call.request);
}

// Hashes `password` on the worker, then stores it for `target` (new account or new password).
template <class Store>
void with_hash(const Call& call, const Respond& respond, Offload& offload, const std::string& password, Store store) {
    const Request& request = call.request;
    if (!offload.run([password] { return hash_password(password); },
                     [&request, respond, store](std::optional<std::string> hash) {
                         if (!hash) return respond(internal_error(request.version()));
                         respond(store(*hash));
                     }))
        respond(offload_busy(request));
}

void add_session_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, Offload& offload) {
    router.add_deferred(http::verb::post, "/api/v1/staff/sessions", [&db, &auth, &staff, &offload](const Call& call, Respond respond) {
        sign_in(call, respond, db, auth, staff, offload);
    });
    router.add(http::verb::get, "/api/v1/staff/session", [&staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAllRoles, who)) return *refused;
        std::int64_t expires_at = 0;
        const std::string csrf = staff.session_csrf(who.session_hash, expires_at);
        return json_response(http::status::ok, session_json(who.member, csrf, expires_at, staff.settings().idle_s), call.request);
    });
    router.add(http::verb::delete_, "/api/v1/staff/session", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAllRoles, who)) return *refused;
        Transaction tx(db);
        staff.close_session(who.session_hash);
        audit(db, who, call.peer, "session.sign_out", "staff:" + who.member.name);
        tx.commit();
        Response res = no_content(call.request);
        res.set(http::field::set_cookie, staff.clear_cookie(call.request));
        return res;
    });
}

void add_account_routes(Router& router, Database& db, StaffAuth& staff, Offload& offload) {
    router.add(http::verb::get, "/api/v1/staff/accounts", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        json items = json::array();
        Statement s = db.prepare("SELECT id FROM staff ORDER BY name");
        while (s.step()) {
            const auto m = find_staff(db, s.integer(0));
            json item = staff_json(*m);
            item["locked"] = m->locked_until > now_s();
            items.push_back(item);
        }
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });
    router.add_deferred(http::verb::post, "/api/v1/staff/accounts", [&db, &staff, &offload](const Call& call, Respond respond) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return respond(std::move(*refused));
        AccountInput in;
        if (auto bad = parse_new_account(call, in)) return respond(std::move(*bad));
        const Request& request = call.request;
        with_hash(call, respond, offload, in.password, [&db, &request, who, in, address = call.peer](const std::string& hash) {
            std::int64_t id = 0;
            Transaction tx(db);
            if (!insert_staff(db, in.member, hash, id))
                return problem(http::status::conflict, "Name taken", "这个登录名已经有人用了，请换一个。", request);
            const auto created = find_staff(db, id);
            audit(db, who, address, "staff.create", "staff:" + in.member.name, nullptr, account_record(*created));
            tx.commit();
            return json_response(http::status::created, staff_json(*created), request);
        });
    });
    router.add(http::verb::patch, "/api/v1/staff/accounts/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        std::int64_t id;
        const auto member = path_id(call, id) ? find_staff(db, id) : std::nullopt;
        if (!member) return problem(http::status::not_found, "Not found", "没有找到这个账号。", call.request);
        return update_account(call, db, staff, who, *member);
    });
    // A new password: an admin sets one for a colleague; everyone may set their own.
    router.add_deferred(http::verb::put, "/api/v1/staff/accounts/{id}/password", [&db, &staff, &offload](const Call& call, Respond respond) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAllRoles, who)) return respond(std::move(*refused));
        std::int64_t id;
        const auto member = path_id(call, id) ? find_staff(db, id) : std::nullopt;
        if (!member || (member->id != who.member.id && !(who.member.roles & kAdmin)))
            return respond(problem(http::status::not_found, "Not found", "没有找到这个账号。", call.request));
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return respond(std::move(*error));
        const std::string password = string_field(body, "password", true, 1, kMaxPasswordBytes, invalid);
        if (!invalid.empty()) return respond(invalid_body(call, invalid));
        if (const auto weak = password_problem(member->name, password))
            return respond(invalid_body(call, json::array({{{"name", "password"}, {"reason", "too weak"}}}), *weak));
        const Request& request = call.request;
        with_hash(call, respond, offload, password, [&db, &staff, &request, who, target = *member, address = call.peer](const std::string& hash) {
            Transaction tx(db);
            db.prepare("UPDATE staff SET password_hash = ? WHERE id = ?").bind(1, hash).bind(2, target.id).run();
            staff.close_sessions_of(target.id);  // a stolen session ends with the old password
            audit(db, who, address, "staff.password", "staff:" + target.name);
            tx.commit();
            Response res = no_content(request);
            if (target.id == who.member.id) res.set(http::field::set_cookie, staff.clear_cookie(request));
            return res;
        });
    });
    router.add(http::verb::delete_, "/api/v1/staff/accounts/{id}/sessions", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAllRoles, who)) return *refused;
        std::int64_t id;
        const auto member = path_id(call, id) ? find_staff(db, id) : std::nullopt;
        if (!member || (member->id != who.member.id && !(who.member.roles & kAdmin)))
            return problem(http::status::not_found, "Not found", "没有找到这个账号。", call.request);
        Transaction tx(db);
        const int closed = staff.close_sessions_of(member->id);
        audit(db, who, call.peer, "staff.sign_out_everywhere", "staff:" + member->name, nullptr, {{"sessions", closed}});
        tx.commit();
        return no_content(call.request);
    });
    router.add(http::verb::get, "/api/v1/staff/audit", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kAdmin, who)) return *refused;
        return audit_page(call, db);
    });
}

}  // namespace

void add_staff_account_routes(Router& router, Database& db, Auth& auth, StaffAuth& staff, Offload& offload) {
    add_session_routes(router, db, auth, staff, offload);
    add_account_routes(router, db, staff, offload);
}

}  // namespace elder::server
