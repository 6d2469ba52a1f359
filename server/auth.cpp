#include "auth.hpp"

#include "china_time.hpp"
#include "core/validators.hpp"
#include "crypto.hpp"
#include "log.hpp"

namespace elder::server {
namespace {


std::string code_hash(const std::string& phone, const std::string& code) { return sha256_hex(phone + ":" + code); }


}  // namespace

std::optional<std::string> bearer_token(const Request& request) {
    const auto it = request.find(http::field::authorization);
    if (it == request.end()) return std::nullopt;
    const std::string value(it->value());
    if (value.rfind("Bearer ", 0) != 0 || value.size() <= 7) return std::nullopt;
    return value.substr(7);
}

Auth::Auth(Database& db, AuthSettings settings, OtpSender sender)
    : staff_guard_(db), db_(db), settings_(settings), sender_(std::move(sender)) {}

std::optional<Principal> Auth::principal(const Request& request) {
    const auto token = bearer_token(request);
    if (!token) return std::nullopt;
    Statement s = db_.prepare(
        "SELECT t.resident_id, t.device_id, COALESCE(d.household_id, m.household_id), d.kind FROM tokens t "
        "LEFT JOIN devices d ON d.id = t.device_id "
        "LEFT JOIN residents r ON r.id = t.resident_id "
        "LEFT JOIN household_members m ON m.phone = r.phone AND m.phone <> '' "
        "WHERE t.hash = ? AND t.expires_at > ?");
    if (!s.bind(1, sha256_hex(*token)).bind(2, now_s()).step()) return std::nullopt;
    Principal p;
    p.resident_id = s.integer(0);
    p.device_id = s.integer(1);
    p.household_id = s.integer(2);
    if (!s.is_null(3)) p.device_kind = s.text(3);
    if (p.device_id) seen_[p.device_id] = now_s();  // the device list's "last contact", written by write_last_seen()
    if (p.resident_id) p.owner = "r:" + std::to_string(p.resident_id);
    else if (p.household_id) p.owner = "h:" + std::to_string(p.household_id);
    return p;
}

// One transaction for every box heard from since the last call (the periodic check, or a staff
// list about to show it): a write of its own per request would add a disk sync to each box's
// first request after a minute, such as every box's receipt after a city-wide alert.
void Auth::write_last_seen() {
    if (seen_.empty()) return;
    Transaction tx(db_);
    for (const auto& [device, at] : seen_)
        db_.prepare("UPDATE devices SET last_seen = ?1 WHERE id = ?2 AND (last_seen IS NULL OR last_seen < ?1 - 60)")
            .bind(1, at).bind(2, device).run();
    tx.commit();
    seen_.clear();
}

std::optional<Response> Auth::staff_wait(const Request& request, const std::string& address) const {
    const int wait = staff_guard_.wait_s(address, now_s());
    if (wait == 0) return std::nullopt;
    return too_many_requests(request, "工作人员口令输错的次数太多了，请稍等 " + std::to_string(wait) + " 秒再试。", wait);
}

void Auth::failed_staff_auth(const std::string& address) {
    staff_guard_.failed(address, now_s());
}

std::string Auth::rate_subject(const Call& call, int& allowance) {
    allowance = 1;
    if (bearer_token(call.request)) {
        const auto who = principal(call.request);
        if (who && who->device_kind == "kiosk") {
            allowance = settings_.kiosk_allowance;
            return "kiosk:" + std::to_string(who->device_id);
        }
    }
    return "ip:" + call.peer;
}

int Auth::recent_events(const std::string& key, int window_s) {
    Statement s = db_.prepare("SELECT COUNT(*) FROM rate_events WHERE key = ? AND at > ?");
    s.bind(1, key).bind(2, now_s() - window_s).step();
    return static_cast<int>(s.integer(0));
}

std::optional<Response> Auth::send_code(const Call& call, const std::string& phone) {
    if (check_mobile(phone) != InputError::None)
        return problem(http::status::bad_request, "Invalid phone number", "手机号码应该是 11 位数字，以 1 开头。",
                       call.request, {{"invalid_params", {{{"name", "phone"}, {"reason", "not a mainland mobile number"}}}}});
    int allowance = 1;
    const std::string subject = rate_subject(call, allowance);
    const std::string phone_here = "otp-phone-at:" + phone + "|" + subject;
    if (recent_events(phone_here, settings_.code_interval_s) > 0)
        return too_many_requests(call.request, "验证码刚发过，请等一分钟再试。", settings_.code_interval_s);
    if (recent_events(phone_here, 3600) >= settings_.codes_per_phone_per_hour)
        return too_many_requests(call.request, "这个号码获取验证码的次数太多了，请一小时后再试。", 3600);
    if (recent_events("otp-phone:" + phone, 3600) >= settings_.codes_per_phone_all_per_hour)
        return too_many_requests(call.request, "这个号码获取验证码的次数太多了，请一小时后再试。", 3600);
    if (recent_events("otp-from:" + subject, 3600) >= settings_.codes_per_ip_per_hour * allowance)
        return too_many_requests(call.request, "获取验证码的次数太多了，请一小时后再试。", 3600);

    const std::string code = random_digits(6);
    Transaction tx(db_);
    db_.prepare("DELETE FROM rate_events WHERE at < ?").bind(1, now_s() - 3600).run();
    for (const std::string& key : {phone_here, "otp-phone:" + phone, "otp-from:" + subject})
        db_.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)").bind(1, key).bind(2, now_s()).run();
    // A code is only good where it was asked for: a request from elsewhere makes its own code and
    // leaves this one alone.
    db_.prepare("INSERT INTO otp_codes (phone, address, code_hash, expires_at, tries_left) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (phone, address) DO UPDATE SET code_hash = excluded.code_hash, "
                "expires_at = excluded.expires_at, tries_left = excluded.tries_left")
        .bind(1, phone).bind(2, subject).bind(3, code_hash(phone, code)).bind(4, now_s() + settings_.code_ttl_s)
        .bind(5, static_cast<std::int64_t>(settings_.code_tries)).run();
    tx.commit();
    sender_(phone, code);
    if (settings_.remember_codes) last_codes[phone] = code;
    return std::nullopt;
}

std::optional<Response> Auth::exchange(const Call& call, const std::string& phone, const std::string& code, bool kiosk,
                                       std::string& token, std::int64_t& expires_at) {
    int allowance = 1;
    const std::string subject = rate_subject(call, allowance);
    const std::string wrong_key = "otp-wrong:" + subject;
    if (recent_events(wrong_key, 3600) >= settings_.wrong_codes_per_ip_per_hour * allowance)
        return too_many_requests(call.request, "验证码输错的次数太多了，请一小时后再试。", 3600);
    Statement s = db_.prepare("SELECT code_hash, expires_at, tries_left FROM otp_codes WHERE phone = ? AND address = ?");
    if (!s.bind(1, phone).bind(2, subject).step() || s.integer(1) <= now_s())
        return problem(http::status::unauthorized, "Code expired", "验证码已过期或还没有获取，请重新获取。", call.request);
    if (s.integer(2) <= 0)
        return too_many_requests(call.request, "验证码输错次数太多，已经作废，请重新获取。", settings_.code_interval_s);
    if (!constant_time_equal(s.text(0), code_hash(phone, code))) {
        // One try less, counted by the database: wrong guesses sent to several replicas at once
        // each cost one.
        Statement spent = db_.prepare("UPDATE otp_codes SET tries_left = tries_left - 1 "
                                      "WHERE phone = ? AND address = ? AND tries_left > 0 RETURNING tries_left");
        const std::int64_t left = spent.bind(1, phone).bind(2, subject).step() ? spent.integer(0) : 0;
        spent.run();
        db_.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)").bind(1, wrong_key).bind(2, now_s()).run();
        if (left <= 0) return too_many_requests(call.request, "验证码输错 5 次，已经作废，请重新获取。", settings_.code_interval_s);
        return problem(http::status::unauthorized, "Wrong code",
                       "验证码不对，还可以再试 " + std::to_string(left) + " 次。", call.request);
    }
    Transaction tx(db_);
    db_.prepare("DELETE FROM otp_codes WHERE phone = ?").bind(1, phone).run();
    db_.prepare("INSERT INTO residents (phone, created) VALUES (?, ?) ON CONFLICT (phone) DO NOTHING").bind(1, phone).bind(2, now_iso()).run();
    Statement r = db_.prepare("SELECT id FROM residents WHERE phone = ?");
    r.bind(1, phone).step();
    const bool on_kiosk = kiosk || allowance > 1;
    token = issue_token(r.integer(0), std::nullopt, expires_at, on_kiosk ? settings_.kiosk_token_ttl_s : settings_.token_ttl_s);
    tx.commit();
    return std::nullopt;
}

void Auth::revoke(const Request& request) {
    if (const auto token = bearer_token(request))
        db_.prepare("DELETE FROM tokens WHERE hash = ?").bind(1, sha256_hex(*token)).run();
}

void Auth::revoke_resident(std::int64_t resident_id) {
    db_.prepare("DELETE FROM tokens WHERE resident_id = ?").bind(1, resident_id).run();
}

void Auth::revoke_device(std::int64_t device_id) {
    db_.prepare("DELETE FROM tokens WHERE device_id = ?").bind(1, device_id).run();
}

std::string Auth::issue_device_token(std::int64_t device_id, std::int64_t& expires_at) {
    return issue_token(std::nullopt, device_id, expires_at, settings_.device_token_ttl_s);
}

std::string Auth::issue_token(std::optional<std::int64_t> resident, std::optional<std::int64_t> device,
                              std::int64_t& expires_at, int ttl_s) {
    const std::string token = random_hex(32);  // 256 bits
    expires_at = now_s() + ttl_s;
    Statement s = db_.prepare("INSERT INTO tokens (hash, resident_id, device_id, expires_at) VALUES (?, ?, ?, ?)");
    s.bind(1, sha256_hex(token));
    if (resident) s.bind(2, *resident); else s.bind_null(2);
    if (device) s.bind(3, *device); else s.bind_null(3);
    s.bind(4, expires_at).run();
    return token;
}

}  // namespace elder::server
