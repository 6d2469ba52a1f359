#pragma once
// Who on the staff side is calling, and may they. A staff member signs in with name and password
// (api_staff_auth.cpp) and gets a session: the console keeps it in a cookie (HttpOnly,
// SameSite=Strict, Secure behind https) and sends the session's CSRF token in X-CSRF-Token with
// every change; a community's own platform may ask for a bearer token instead (no cookie, so no
// CSRF). Sessions end after `idle_s` without a request, after `max_age_s` in all, at sign-out, or
// when an admin revokes them. Only hashes of session tokens are stored.
//
// The alert feed key (config `alert_feed_key`) is not a person: it may import alerts and nothing else.
#include <cstdint>
#include <optional>
#include <string>

#include "database.hpp"
#include "http_types.hpp"
#include "staff.hpp"

namespace elder::server {

struct StaffSettings {
    int idle_s = 2 * 3600;        // a desk left alone for two hours signs out
    int max_age_s = 14 * 3600;    // a night shift and its handover, then sign in again
    bool secure_cookie = false;   // also set whenever the request says it came over https
    int lock_after_failures = 5;  // wrong passwords in a row lock the account ...
    int lock_s = 15 * 60;         // ... for this long (an admin may unlock it sooner)
};

struct StaffCaller {
    StaffMember member;        // id 0 for the alert feed key
    std::string session_hash;  // empty for the alert feed key
    bool by_cookie = false;
    bool feed = false;
    std::string label() const { return feed ? "alert feed" : member.name; }
};

inline constexpr const char* kStaffCookie = "elder_staff";

class StaffAuth {
public:
    StaffAuth(Database& db, StaffSettings settings, std::string feed_key)
        : db_(db), settings_(settings), feed_key_(std::move(feed_key)) {}

    // The signed-in staff member (cookie or bearer session), or nothing.
    std::optional<StaffCaller> caller(const Request& request);
    // Nothing when the caller is signed in, holds one of `roles`, and (for changes made with the
    // cookie) sent the session's CSRF token; else the 401 or 403 to answer.
    std::optional<Response> refuse(const Call& call, unsigned roles, StaffCaller& out);
    // The same, but the alert feed key is also accepted (alert import).
    std::optional<Response> refuse_unless_feed(const Call& call, unsigned roles, StaffCaller& out);
    bool is_feed_key(const Request& request) const;

    // Opens a session; returns its token (only its hash is kept) and sets `csrf` and `expires_at`.
    std::string open_session(std::int64_t staff_id, bool by_cookie, std::string& csrf, std::int64_t& expires_at);
    std::string session_csrf(const std::string& session_hash, std::int64_t& expires_at);
    void close_session(const std::string& session_hash);
    int close_sessions_of(std::int64_t staff_id);
    bool session_alive(const std::string& session_hash);

    // Set-Cookie values that set and clear the session cookie for `request`'s connection.
    std::string set_cookie(const Request& request, const std::string& token, int max_age_s) const;
    std::string clear_cookie(const Request& request) const;

    // Wrong passwords: counted per account; the account is locked once they reach the limit.
    // Returns the seconds the account is now locked for (0: not locked).
    int failed_password(std::int64_t staff_id);
    void good_password(std::int64_t staff_id);

    const StaffSettings& settings() const { return settings_; }

private:
    bool secure(const Request& request) const;

    Database& db_;
    StaffSettings settings_;
    std::string feed_key_;
};

// The session token a request carries: its bearer token, else its staff cookie.
std::optional<std::string> staff_token(const Request& request, bool& by_cookie);

}  // namespace elder::server
