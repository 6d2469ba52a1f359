#pragma once
// Who is calling: residents (phone + one-time code -> token), devices (registered set-top boxes and
// kiosks, acting for the household a box is bound to). Staff: staff_auth.hpp.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "database.hpp"
#include "http_types.hpp"
#include "staff_guard.hpp"

namespace elder::server {

struct Principal {
    std::int64_t resident_id = 0;
    std::int64_t device_id = 0;
    std::int64_t household_id = 0;  // a device's household, or the one a resident's phone is a member of
    std::string device_kind;        // "stb" or "kiosk" for a device's token
    // The owner of appointments and help requests: "r:<resident>" or "h:<household>";
    // empty for an unbound device, which may read but not act.
    std::string owner;
};

// How one-time codes reach residents. The default writes them to the server log; an SMS gateway
// implements the same function.
using OtpSender = std::function<void(const std::string& phone, const std::string& code)>;

// Limits on one-time codes. They count per phone *and* address together, so that nobody can use up
// a resident's allowance from elsewhere; a registered kiosk counts as itself, not as the address it
// shares with every other kiosk behind one NAT.
struct AuthSettings {
    int code_ttl_s = 300;
    int code_tries = 5;
    int codes_per_phone_per_hour = 5;  // per phone and address
    int code_interval_s = 60;          // at most one code per phone and address per minute
    int codes_per_phone_all_per_hour = 20;  // per phone from anywhere: SMS bombing, distributed guessing
    int codes_per_ip_per_hour = 30;
    int wrong_codes_per_ip_per_hour = 10;   // then the guessing address waits, not the phone
    int kiosk_allowance = 10;               // a kiosk's own limits are this many times an address's
    int token_ttl_s = 30 * 24 * 3600;
    int kiosk_token_ttl_s = 15 * 60;  // a sign-in on a kiosk: the next visitor must not inherit it
    int device_token_ttl_s = 5 * 365 * 24 * 3600;  // a set-top box is not signed in again by anyone
    bool remember_codes = false;  // keep the last code per phone for GET /api/v1/dev/otp (--dev-otp)
};

class Auth {
public:
    Auth(Database& db, AuthSettings settings, OtpSender sender);

    // The caller of a request with "Authorization: Bearer <token>", if the token is valid.
    std::optional<Principal> principal(const Request& request);
    // Writes when each device was last heard from (principal() only notes it in memory).
    void write_last_seen();

    // Issues a code. On refusal returns a problem response (400 bad phone, 429 with retry_after_s).
    std::optional<Response> send_code(const Call& call, const std::string& phone);
    // Exchanges phone + code for a token; on failure returns a problem (401 wrong/expired, 429 locked).
    // `kiosk`: the sign-in is on a kiosk (the app says so, or it sent a kiosk's device token), so the
    // token lives minutes.
    std::optional<Response> exchange(const Call& call, const std::string& phone, const std::string& code, bool kiosk,
                                     std::string& token, std::int64_t& expires_at);
    void revoke(const Request& request);
    void revoke_resident(std::int64_t resident_id);  // every token of one resident
    void revoke_device(std::int64_t device_id);
    std::string issue_device_token(std::int64_t device_id, std::int64_t& expires_at);

    // Failed staff authentication (a wrong password, staff bearer token or enrolment code) per client address:
    // 429 while the address must wait, else nothing. `failed_staff_auth` counts one more failure.
    std::optional<Response> staff_wait(const Request& request, const std::string& address) const;
    void failed_staff_auth(const std::string& address);

    // Development only (--dev-otp): the last code sent to each phone.
    std::map<std::string, std::string> last_codes;

private:
    std::string issue_token(std::optional<std::int64_t> resident, std::optional<std::int64_t> device,
                            std::int64_t& expires_at, int ttl_s);
    int recent_events(const std::string& key, int window_s);
    // Whom code limits count against: "kiosk:<id>" for a registered kiosk's device token, else the
    // client address. `allowance` multiplies the limits of that subject.
    std::string rate_subject(const Call& call, int& allowance);

    StaffGuard staff_guard_;

    Database& db_;
    std::map<std::int64_t, std::int64_t> seen_;  // device -> when principal() last saw its token, not yet written
    AuthSettings settings_;
    OtpSender sender_;
};

std::optional<std::string> bearer_token(const Request& request);



}  // namespace elder::server
