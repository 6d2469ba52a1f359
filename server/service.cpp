#include "service.hpp"

#include "china_time.hpp"
#include "compression.hpp"
#include "demo_seed.hpp"
#include "drafts.hpp"
#include "follow_ups.hpp"
#include "help_queue.hpp"
#include "log.hpp"
#include "migrations.hpp"
#include "personal_answers.hpp"
#include "request_body.hpp"
#include "request_id.hpp"

namespace elder::server {
namespace {

bool origin_allowed(const Config& config, const Request& request, std::string& origin) {
    const auto it = request.find(http::field::origin);
    if (it == request.end()) return false;
    origin = std::string(it->value());
    for (const std::string& allowed : config.cors_origins)
        if (allowed == origin) return true;
    return false;
}

Response preflight(const Request& request, const std::string& origin) {
    Response res = no_content(request);
    res.set(http::field::access_control_allow_origin, origin);
    res.set(http::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE");
    res.set(http::field::access_control_allow_headers,
            "Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID");
    res.set(http::field::access_control_max_age, "600");
    return res;
}

// The default sender: the code goes to the log (an SMS gateway replaces this).
// The phone is masked (138****0001): whoever reads the log finds their code by the last digits,
// and the log holds no whole number.
void log_code(const std::string& phone, const std::string& code) {
    const std::string masked = phone.size() == 11 ? phone.substr(0, 3) + "****" + phone.substr(7) : "***";
    log_event("info", "one-time code", {{"phone", masked}, {"code", code}});
}

// Every answer: browsers must not guess another type than the one given (a JSON answer run as a
// script, an upload shown as HTML).
void secure(Response& res) { res.set("X-Content-Type-Options", "nosniff"); }

StaffSettings staff_settings(const Config& config) {
    StaffSettings s;
    s.idle_s = config.staff_idle_timeout_s;
    s.max_age_s = config.staff_session_max_s;
    s.secure_cookie = config.secure_cookies;
    return s;
}

AuthSettings auth_settings(const Config& config) {
    AuthSettings s;
    s.token_ttl_s = config.resident_token_ttl_s;
    s.kiosk_token_ttl_s = config.kiosk_token_ttl_s;
    s.remember_codes = config.dev_otp;
    return s;
}

}  // namespace

Service::Service(const Config& config, boost::asio::io_context& io)
    : config_(config), proxies_(config.trusted_proxies), store_(open_database(config.db_path)), db_(*store_), schema_version_(migrate(db_)),
      events_(db_, [this](const AlertEvent&) { if (hub_) hub_->catch_up(); }), alerts_(db_, events_),
      event_hub_(io, events_, std::max(1, config.heartbeat_s), config.streams, std::clamp(config.event_poll_ms, 10, 60000)),
      presence_(db_),
      auth_(db_, auth_settings(config), log_code), staff_(db_, staff_settings(config), config.alert_feed_key),
      tick_timer_(io), offload_(io), id_numbers_(db_, config.id_number_key),
      site_(config.web_root) {
    if (const int converted = id_numbers_.protect_plain_rows(db_))  // the data half of migration 8
        log_event("info", "ID numbers stored in plain text replaced by their keyed hash", {{"rows", converted}});
    if (config.dev_clock) {
        log_event("warning", "--dev-clock is on: POST /api/v1/dev/clock moves this server's clock. "
                             "Never use it where real residents are served.");
        add_dev_clock_route();
    }
    if (config.dev_otp)
        log_event("warning", "--dev-otp is on: GET /api/v1/dev/otp tells anyone any phone's sign-in code. "
                             "Never use it where real residents sign in.");
    if (config.demo) {
        seed_demo(db_, config.demo_dir);
        seed_demo_alerts(db_, alerts_, config.demo_dir);
    }
    hub_ = &event_hub_;
    event_hub_.start();
    event_hub_.set_staff_session_check([this](const std::string& session) { return staff_.session_alive(session); });
    event_hub_.set_device_presence([this](std::int64_t device, bool open) {
        if (open) presence_.opened(device); else presence_.closed(device);
    });
    tick();
    add_site_routes(router_, db_, config.public_url);
    add_policy_routes(router_, db_);
    add_content_routes(router_, db_);
    add_notice_routes(router_, db_);
    add_schedule_routes(router_, db_);
    add_auth_routes(router_, db_, auth_, staff_, config.dev_otp);
    add_appointment_routes(router_, db_, auth_, staff_, id_numbers_, config.undo_window_s);
    add_alert_routes(router_, db_, alerts_, events_, auth_, staff_, offload_);
    add_help_routes(router_, db_, auth_, events_);
    add_help_queue_routes(router_, db_, staff_, events_, config.sos_claim_deadline_s);
    add_staff_slot_routes(router_, db_, staff_);
    add_staff_account_routes(router_, db_, auth_, staff_, offload_);
    add_draft_routes(router_, db_, staff_, alerts_);
    add_staff_appointment_routes(router_, db_, staff_, alerts_);
    add_household_routes(router_, db_, staff_, events_);
    add_follow_up_routes(router_, db_, auth_, staff_, events_);
    add_staff_device_routes(router_, db_, auth_, staff_,
                            // Here at once; the list's query adds other replicas' (stream_presence.hpp).
                            {[this](std::int64_t id) { return event_hub_.device_streams(id) > 0; },
                             // Whichever replica holds the device's stream ends it: the hang-up goes through the log.
                             [this](std::int64_t id) { events_.announce(events_.record("hang_up", nlohmann::json::object(), Audience::Device, id)); }});
    // Reached only when take_stream() declined a staff stream: nobody signed in.
    router_.add(http::verb::get, "/api/v1/staff/stream", [this](const Call& call) {
        StaffCaller who;
        if (auto refused = staff_.refuse(call, kAllRoles, who)) return *refused;
        return problem(http::status::bad_request, "Not a stream request", "请用事件流连接。", call.request);
    });
}

void Service::tick() {
    tick_timer_.expires_after(std::chrono::seconds(std::clamp(config_.sos_claim_deadline_s / 4, 1, 5)));
    tick_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        run_periodic_checks();
        tick();
    });
}

void Service::run_periodic_checks() {
    try {
        auth_.write_last_seen();
        presence_.flush(now_s());
        for (const std::int64_t id : mark_overdue_sos(db_, events_, config_.sos_claim_deadline_s))
            log_event("warning", "SOS not claimed in time", {{"help_request", id}, {"deadline_s", config_.sos_claim_deadline_s}});
        if (const int n = publish_due_drafts(db_, alerts_)) log_event("info", "scheduled content published", {{"drafts", n}});
        if (const int n = open_follow_ups(db_, events_, config_.alert_call_after_s))
            log_event("info", "households put on the call list", {{"households", n}});
    } catch (const std::exception& e) {
        log_event("error", "periodic check failed", {{"error", e.what()}});
    }
}

// Moves the server's clock forward by `advance_s` (never back: what was stamped stays in the past)
// and runs the periodic checks at that time, so that a test reads their effect at once.
void Service::add_dev_clock_route() {
    router_.add(http::verb::post, "/api/v1/dev/clock", [this](const Call& call) {
        nlohmann::json body;
        if (auto error = read_json_body(call, body)) return *error;
        constexpr std::int64_t kMaxAdvanceS = 400LL * 86400;
        const auto advance = body.value("advance_s", nlohmann::json());
        if (!advance.is_number_integer() || advance.get<std::int64_t>() < 0 || advance.get<std::int64_t>() > kMaxAdvanceS)
            return invalid_body(call, {{{"name", "advance_s"}, {"reason", "an integer from 0 to 34560000 (seconds)"}}});
        set_clock_offset_s(clock_offset_s() + advance.get<std::int64_t>());
        log_event("warning", "server clock moved (--dev-clock)", {{"offset_s", clock_offset_s()}});
        run_periodic_checks();
        return json_response(http::status::ok, {{"now", now_iso()}, {"offset_s", clock_offset_s()}}, call.request);
    });
}

std::optional<Response> Service::guard_staff(const Request& request, const std::string& client) {
    const std::string_view target(request.target().data(), request.target().size());
    if (target.rfind("/api/v1/staff/", 0) != 0) return std::nullopt;
    if (auto wait = auth_.staff_wait(request, client)) return wait;  // even the right token waits: no oracle
    // A bearer token that is neither a staff session nor the feed key is a guess. (Wrong passwords
    // are counted where they are checked; an expired cookie is a desk left alone, not a guess.)
    if (bearer_token(request) && !staff_.is_feed_key(request) && !staff_.caller(request)) auth_.failed_staff_auth(client);
    return std::nullopt;
}

std::string Service::principal_label(const Request& request) try {
    if (const auto member = staff_.caller(request)) return "staff:" + member->member.name;  // cookie or bearer
    if (!bearer_token(request)) return "";
    if (staff_.is_feed_key(request)) return "alert feed";
    const auto who = auth_.principal(request);
    if (!who) return "invalid token";
    return who->resident_id ? "resident:" + std::to_string(who->resident_id) : "device:" + std::to_string(who->device_id);
} catch (const DatabaseUnavailable&) {
    return "unknown (database away)";  // the request itself is answered 503 below
}

// How long a client waits before asking again while the database is away (a restart takes seconds).
constexpr int kDatabaseRetryAfterS = 5;

void Service::handle(const Request& request, const std::string& peer, Respond respond) {
    const std::string client = client_address(request, peer, proxies_);  // the one place it is decided
    const std::string id = request_id(request, peer, proxies_);
    respond = [respond = std::move(respond), &request, id](Response res) {
        secure(res);
        mark_personal(request, res);
        res.set("X-Request-Id", id);
        respond(std::move(res));
    };
    if (config_.log_requests)  // who called is read now: a sign-out ends the token it came with
        respond = [respond = std::move(respond), &request, client, id, who = principal_label(request),
                   started = std::chrono::steady_clock::now()](Response res) {
            const std::chrono::duration<double, std::milli> ms = std::chrono::steady_clock::now() - started;
            log_request(request, static_cast<int>(res.result_int()), ms.count(), client, who, id);
            respond(std::move(res));
        };
    const std::string_view target(request.target().data(), request.target().size());
    const bool api = target.rfind("/api/", 0) == 0;
    std::string origin;
    if (api && origin_allowed(config_, request, origin)) {
        if (request.method() == http::verb::options) return respond(preflight(request, origin));
        respond = [respond = std::move(respond), origin](Response res) {
            res.set(http::field::access_control_allow_origin, origin);
            add_vary(res, "Origin");
            respond(std::move(res));
        };
    }
    if (api) {
        respond = [respond = std::move(respond), &request](Response res) {
            compress_answer(request, res);
            respond(std::move(res));
        };
        try {
            if (auto wait = guard_staff(request, client)) return respond(std::move(*wait));
            return router_.route(request, client, respond);
        } catch (const DatabaseUnavailable& e) {  // PostgreSQL restarting: come back in a moment
            log_event("error", "database unavailable", {{"path", request_path(request)}, {"error", e.what()}, {"request_id", id}});
            return respond(retry_later(http::status::service_unavailable, "Database unavailable",
                                       "服务器正在恢复，请稍等几秒再试。", request, kDatabaseRetryAfterS));
        }
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head)
        return respond(problem(http::status::method_not_allowed, "Method not allowed", "不支持这种请求方式。", request));
    respond(site_.serve(request));
}

bool Service::is_trusted_proxy(const std::string& address) const { return proxies_.contains(address); }

bool Service::take_stream(const Request& request, boost::asio::ip::tcp::socket& socket,
                          const std::shared_ptr<ConnectionTable::Slot>& slot) {
    const std::string_view target(request.target().data(), request.target().size());
    auto is = [&](std::string_view path) {
        return request.method() == http::verb::get && target.substr(0, path.size()) == path &&
               (target.size() == path.size() || target[path.size()] == '?');
    };
    if (is("/api/v1/staff/stream")) {  // the console's: public events and the help queue's
        const auto member = staff_.caller(request);
        if (!member) return false;  // the router answers 401
        const std::string client = client_address(request, slot->address(), proxies_);
        event_hub_.subscribe(std::move(socket), request, slot, client, 0, member->session_hash);
        return true;
    }
    if (!is("/api/v1/alerts/stream")) return false;
    const auto who = auth_.principal(request);  // a box may say which device it is, capping its streams
    const std::string client = client_address(request, slot->address(), proxies_);
    const std::int64_t device = who ? who->device_id : 0;
    if (config_.log_requests) {
        // Where a reconnecting client resumes (Last-Event-ID or ?last_event_id=): null for a fresh one.
        const auto resume = resume_point(request);
        log_event("info", "stream opened",
                  {{"client", client}, {"principal", device ? "device:" + std::to_string(device) : std::string()},
                   {"resume_after", resume && *resume >= 0 ? nlohmann::json(*resume) : nlohmann::json()}});
    }
    event_hub_.subscribe(std::move(socket), request, slot, client, device, {}, who ? who->household_id : 0);
    return true;
}

}  // namespace elder::server
