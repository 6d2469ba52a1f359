#pragma once
// Who is calling: residents (phone + one-time code -> token), devices (registered set-top boxes and
// kiosks, acting for the household a box is bound to) and staff (the configured token).
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "database.hpp"
#include "http_types.hpp"

namespace elder::server {

struct Principal {
    std::int64_t resident_id = 0;
    std::int64_t device_id = 0;
    std::int64_t household_id = 0;  // for devices bound to a household
    // The owner of appointments and help requests: "r:<resident>" or "h:<household>";
    // empty for an unbound device, which may read but not act.
    std::string owner;
};

// How one-time codes reach residents. The default writes them to the server log; an SMS gateway
// implements the same function.
using OtpSender = std::function<void(const std::string& phone, const std::string& code)>;

struct AuthSettings {
    int code_ttl_s = 300;
    int code_tries = 5;
    int codes_per_phone_per_hour = 5;
    int code_interval_s = 60;         // at most one code per phone per minute
    int codes_per_ip_per_hour = 30;
    int token_ttl_s = 30 * 24 * 3600;
    int device_token_ttl_s = 5 * 365 * 24 * 3600;  // a set-top box is not signed in again by anyone
    bool remember_codes = false;  // keep the last code per phone for GET /api/v1/dev/otp (--dev-otp)
};

class Auth {
public:
    Auth(Database& db, AuthSettings settings, OtpSender sender, std::string staff_token);

    // The caller of a request with "Authorization: Bearer <token>", if the token is valid.
    std::optional<Principal> principal(const Request& request);
    bool is_staff(const Request& request) const;

    // Issues a code. On refusal returns a problem response (400 bad phone, 429 with retry_after_s).
    std::optional<Response> send_code(const Call& call, const std::string& phone);
    // Exchanges phone + code for a token; on failure returns a problem (401 wrong/expired, 429 locked).
    std::optional<Response> exchange(const Call& call, const std::string& phone, const std::string& code,
                                     std::string& token, std::int64_t& expires_at);
    void revoke(const Request& request);
    std::string issue_device_token(std::int64_t device_id, std::int64_t& expires_at);

    // Development only (--dev-otp): the last code sent to each phone.
    std::map<std::string, std::string> last_codes;

private:
    std::string issue_token(std::optional<std::int64_t> resident, std::optional<std::int64_t> device,
                            std::int64_t& expires_at, int ttl_s);
    int recent_events(const std::string& key, int window_s);

    Database& db_;
    AuthSettings settings_;
    OtpSender sender_;
    std::string staff_token_;
};

std::optional<std::string> bearer_token(const Request& request);

// The 401 for staff endpoints called without the staff token.
Response staff_required(const Call& call);

}  // namespace elder::server
