#include "service.hpp"

#include "demo_seed.hpp"
#include "log.hpp"
#include "migrations.hpp"
#include "personal_answers.hpp"

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
void log_code(const std::string& phone, const std::string& code) {
    log_event("info", "one-time code", {{"phone", phone}, {"code", code}});
}

AuthSettings auth_settings(const Config& config) {
    AuthSettings s;
    s.token_ttl_s = config.resident_token_ttl_s;
    s.remember_codes = config.dev_otp;
    return s;
}

}  // namespace

Service::Service(const Config& config, boost::asio::io_context& io)
    : config_(config), db_(config.db_path), schema_version_(migrate(db_)),
      alerts_(db_, [this](const AlertEvent& e) { if (hub_) hub_->publish(e); }),
      event_hub_(io, alerts_, std::max(1, config.heartbeat_s)),
      auth_(db_, auth_settings(config), log_code, config.staff_token), id_numbers_(db_, config.id_number_key),
      site_(config.web_root) {
    if (const int converted = id_numbers_.protect_plain_rows(db_))  // the data half of migration 6
        log_event("info", "ID numbers stored in plain text replaced by their keyed hash", {{"rows", converted}});
    if (config.dev_otp)
        log_event("warning", "--dev-otp is on: GET /api/v1/dev/otp tells anyone any phone's sign-in code. "
                             "Never use it where real residents sign in.");
    if (config.demo) {
        seed_demo(db_, config.demo_dir);
        seed_demo_alerts(db_, alerts_, config.demo_dir);
    }
    hub_ = &event_hub_;
    add_site_routes(router_, db_);
    add_policy_routes(router_, db_);
    add_content_routes(router_, db_);
    add_schedule_routes(router_, db_);
    add_auth_routes(router_, db_, auth_, config.dev_otp);
    add_appointment_routes(router_, db_, auth_, id_numbers_, config.undo_window_s);
    add_alert_routes(router_, alerts_, auth_);
    add_help_routes(router_, db_, auth_);
    add_staff_content_routes(router_, db_, auth_);
}

Response Service::handle(const Request& request, const std::string& peer) {
    const std::string_view target(request.target().data(), request.target().size());
    const bool api = target.rfind("/api/", 0) == 0;
    std::string origin;
    const bool cors = api && origin_allowed(config_, request, origin);
    if (cors && request.method() == http::verb::options) return preflight(request, origin);
    Response res = [&] {
        if (api) return router_.route(request, peer);
        if (request.method() != http::verb::get && request.method() != http::verb::head)
            return problem(http::status::method_not_allowed, "Method not allowed", "不支持这种请求方式。", request);
        return site_.serve(request);
    }();
    mark_personal(request, res);
    if (cors) {
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::vary, "Origin");
    }
    return res;
}

bool Service::take_stream(const Request& request, boost::asio::ip::tcp::socket& socket) {
    constexpr std::string_view path = "/api/v1/alerts/stream";
    const std::string_view target(request.target().data(), request.target().size());
    if (request.method() != http::verb::get || target.substr(0, path.size()) != path ||
        (target.size() > path.size() && target[path.size()] != '?'))
        return false;
    event_hub_.subscribe(std::move(socket), request);
    return true;
}

}  // namespace elder::server
