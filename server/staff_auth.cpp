#include "staff_auth.hpp"

#include <algorithm>

#include "china_time.hpp"
#include "crypto.hpp"

namespace elder::server {
namespace {


// The value of cookie `name` in the request's Cookie headers.
std::optional<std::string> cookie_value(const Request& request, const std::string& name) {
    const auto [first, last] = request.equal_range(http::field::cookie);
    for (auto field_it = first; field_it != last; ++field_it) {
        const auto& field = *field_it;
        const std::string_view all(field.value().data(), field.value().size());
        size_t at = 0;
        while (at < all.size()) {
            const size_t end = std::min(all.find(';', at), all.size());
            std::string_view pair = all.substr(at, end - at);
            while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
            if (pair.size() > name.size() && pair.substr(0, name.size()) == name && pair[name.size()] == '=')
                return std::string(pair.substr(name.size() + 1));
            at = end + 1;
        }
    }
    return std::nullopt;
}

bool changes_state(const Request& request) {
    return request.method() != http::verb::get && request.method() != http::verb::head;
}

std::string header(const Request& request, const char* name) {
    const auto it = request.find(name);
    return it == request.end() ? std::string() : std::string(it->value());
}

}  // namespace

std::optional<std::string> staff_token(const Request& request, bool& by_cookie) {
    by_cookie = false;
    const auto it = request.find(http::field::authorization);
    if (it != request.end()) {
        const std::string value(it->value());
        if (value.rfind("Bearer ", 0) == 0 && value.size() > 7) return value.substr(7);
        return std::nullopt;
    }
    by_cookie = true;
    return cookie_value(request, kStaffCookie);
}

std::optional<StaffCaller> StaffAuth::caller(const Request& request) {
    bool by_cookie = false;
    const auto token = staff_token(request, by_cookie);
    if (!token || token->size() != 64) return std::nullopt;
    const std::string hash = sha256_hex(*token);
    const std::int64_t now = now_s();
    Statement s = db_.prepare(
        "SELECT s.staff_id, s.last_seen, s.by_cookie FROM staff_sessions s JOIN staff m ON m.id = s.staff_id "
        "WHERE s.hash = ? AND s.expires_at > ? AND s.last_seen > ? AND m.active = 1");
    if (!s.bind(1, hash).bind(2, now).bind(3, now - settings_.idle_s).step()) return std::nullopt;
    if ((s.integer(2) != 0) != by_cookie) return std::nullopt;  // a cookie session is never a bearer token
    const std::int64_t staff_id = s.integer(0);
    // A write per request would be wasted: idle time counts in steps of half a minute (or less
    // for short idle times).
    if (now - s.integer(1) >= std::min(30, settings_.idle_s / 4))
        db_.prepare("UPDATE staff_sessions SET last_seen = ? WHERE hash = ?").bind(1, now).bind(2, hash).run();
    auto member = find_staff(db_, staff_id);
    if (!member) return std::nullopt;
    return StaffCaller{*member, hash, by_cookie, false};
}

bool StaffAuth::is_feed_key(const Request& request) const {
    const auto it = request.find(http::field::authorization);
    if (feed_key_.empty() || it == request.end()) return false;
    const std::string value(it->value());
    return value.rfind("Bearer ", 0) == 0 && constant_time_equal(value.substr(7), feed_key_);
}

std::optional<Response> StaffAuth::refuse(const Call& call, unsigned roles, StaffCaller& out) {
    auto who = caller(call.request);
    if (!who)
        return problem(http::status::unauthorized, "Staff sign-in required", "请先登录工作台。", call.request);
    if (who->by_cookie && changes_state(call.request)) {
        // A page elsewhere can make the browser send the cookie, never this header: it cannot read
        // the token. Sec-Fetch-Site says outright when a request was made cross-site.
        std::int64_t expires_at = 0;
        const std::string expected = session_csrf(who->session_hash, expires_at);
        if (header(call.request, "Sec-Fetch-Site") == "cross-site" ||
            !constant_time_equal(header(call.request, "X-CSRF-Token"), expected))
            return problem(http::status::forbidden, "CSRF token missing or wrong",
                           "这个操作没有通过安全检查，请刷新工作台页面后再试。", call.request);
    }
    if (!(who->member.roles & roles))
        return problem(http::status::forbidden, "Role required", "您的账号没有做这件事的权限，请找管理员。", call.request,
                       {{"roles_needed", role_names(roles)}});
    out = std::move(*who);
    return std::nullopt;
}

std::optional<Response> StaffAuth::refuse_unless_feed(const Call& call, unsigned roles, StaffCaller& out) {
    if (is_feed_key(call.request)) {
        out = StaffCaller{};
        out.feed = true;
        out.member.display_name = "预警信息源";
        return std::nullopt;
    }
    return refuse(call, roles, out);
}

std::string StaffAuth::open_session(std::int64_t staff_id, bool by_cookie, std::string& csrf, std::int64_t& expires_at) {
    const std::string token = random_hex(32);
    csrf = random_hex(32);
    const std::int64_t now = now_s();
    expires_at = now + settings_.max_age_s;
    db_.prepare("DELETE FROM staff_sessions WHERE expires_at <= ? OR last_seen <= ?")
        .bind(1, now).bind(2, now - settings_.idle_s).run();
    db_.prepare("INSERT INTO staff_sessions (hash, staff_id, csrf, by_cookie, created_at, last_seen, expires_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)")
        .bind(1, sha256_hex(token)).bind(2, staff_id).bind(3, csrf).bind(4, static_cast<std::int64_t>(by_cookie))
        .bind(5, now).bind(6, now).bind(7, expires_at).run();
    return token;
}

std::string StaffAuth::session_csrf(const std::string& session_hash, std::int64_t& expires_at) {
    Statement s = db_.prepare("SELECT csrf, expires_at FROM staff_sessions WHERE hash = ?");
    if (!s.bind(1, session_hash).step()) return "-";  // matches no header: a token is 64 hex digits
    expires_at = s.integer(1);
    return s.text(0);
}

void StaffAuth::close_session(const std::string& session_hash) {
    db_.prepare("DELETE FROM staff_sessions WHERE hash = ?").bind(1, session_hash).run();
}

int StaffAuth::close_sessions_of(std::int64_t staff_id) {
    db_.prepare("DELETE FROM staff_sessions WHERE staff_id = ?").bind(1, staff_id).run();
    return db_.changes();
}

bool StaffAuth::session_alive(const std::string& session_hash) {
    const std::int64_t now = now_s();
    return db_.prepare("SELECT 1 FROM staff_sessions s JOIN staff m ON m.id = s.staff_id "
                       "WHERE s.hash = ? AND s.expires_at > ? AND s.last_seen > ? AND m.active = 1")
        .bind(1, session_hash).bind(2, now).bind(3, now - settings_.idle_s).step();
}

bool StaffAuth::secure(const Request& request) const {
    return settings_.secure_cookie || header(request, "X-Forwarded-Proto") == "https";
}

std::string StaffAuth::set_cookie(const Request& request, const std::string& token, int max_age_s) const {
    return std::string(kStaffCookie) + "=" + token + "; Path=/; Max-Age=" + std::to_string(max_age_s) +
           "; HttpOnly; SameSite=Strict" + (secure(request) ? "; Secure" : "");
}

std::string StaffAuth::clear_cookie(const Request& request) const {
    return std::string(kStaffCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure(request) ? "; Secure" : "");
}

int StaffAuth::failed_password(std::int64_t staff_id) {
    db_.prepare("UPDATE staff SET failed_logins = failed_logins + 1 WHERE id = ?").bind(1, staff_id).run();
    Statement s = db_.prepare("SELECT failed_logins FROM staff WHERE id = ?");
    s.bind(1, staff_id).step();
    if (s.integer(0) < settings_.lock_after_failures) return 0;
    db_.prepare("UPDATE staff SET failed_logins = 0, locked_until = ? WHERE id = ?")
        .bind(1, now_s() + settings_.lock_s).bind(2, staff_id).run();
    return settings_.lock_s;
}

void StaffAuth::good_password(std::int64_t staff_id) {
    db_.prepare("UPDATE staff SET failed_logins = 0, locked_until = 0 WHERE id = ?").bind(1, staff_id).run();
}

}  // namespace elder::server
