// The reference server: the REST contract of shared/api/openapi.yaml over SQLite, and the kiosk site.
#include <csignal>
#include <cstdio>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "api.hpp"
#include "config.hpp"
#include "event_hub.hpp"
#include "demo_seed.hpp"
#include "http_server.hpp"
#include "log.hpp"
#include "migrations.hpp"
#include "static_files.hpp"

namespace net = boost::asio;
using namespace elder::server;

namespace {

bool origin_allowed(const Config& config, const Request& request, std::string& origin) {
    const auto it = request.find(http::field::origin);
    if (it == request.end()) return false;
    origin = std::string(it->value());
    for (const std::string& allowed : config.cors_origins)
        if (allowed == origin) return true;
    return false;
}

// API paths go to the router, everything else to the site; CORS only for configured origins.
Response dispatch(const Config& config, Router& router, StaticFiles& site, const Request& request,
                  const std::string& peer) {
    const std::string target(request.target());
    const bool api = target.rfind("/api/", 0) == 0;
    std::string origin;
    const bool cors = api && origin_allowed(config, request, origin);
    if (cors && request.method() == http::verb::options) {
        Response res = no_content(request);
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE");
        res.set(http::field::access_control_allow_headers, "Authorization, Content-Type, Idempotency-Key, If-None-Match, Last-Event-ID");
        res.set(http::field::access_control_max_age, "600");
        return res;
    }
    Response res = [&] {
        try {
            if (api) return router.route(request, peer);
            if (request.method() != http::verb::get && request.method() != http::verb::head)
                return problem(http::status::method_not_allowed, "Method not allowed", "不支持这种请求方式。", request);
            return site.serve(request);
        } catch (const std::exception& e) {
            log_event("error", "handler failed", {{"target", target}, {"error", e.what()}});
            return problem(http::status::internal_server_error, "Internal error",
                           "服务器出了点问题，请稍后再试。", request);
        }
    }();
    if (cors) {
        res.set(http::field::access_control_allow_origin, origin);
        res.set(http::field::vary, "Origin");
    }
    return res;
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    std::string error;
    bool help = false;
    if (!load_config(argc, argv, config, error, help)) {
        std::fprintf(stderr, "elder-server: %s\n\n%s", error.c_str(), config_help().c_str());
        return 2;
    }
    if (help) {
        std::printf("%s", config_help().c_str());
        return 0;
    }
    try {
        Database db(config.db_path);
        const int version = migrate(db);
        if (config.demo) seed_demo(db, config.demo_dir);
        net::io_context io;
        EventHub* hub = nullptr;
        Alerts alerts(db, [&hub](const AlertEvent& e) {
            if (hub) hub->publish(e);
        });
        EventHub event_hub(io, alerts, std::max(1, config.heartbeat_s));
        hub = &event_hub;
        if (config.demo) seed_demo_alerts(db, alerts, config.demo_dir);

        AuthSettings auth_settings;
        auth_settings.token_ttl_s = config.resident_token_ttl_s;
        Auth auth(db, auth_settings,
                  [](const std::string& phone, const std::string& code) {
                      // The default sender: the code goes to the log (an SMS gateway replaces this).
                      log_event("info", "one-time code", {{"phone", phone}, {"code", code}});
                  },
                  config.staff_token);
        Router router;
        add_site_routes(router, db);
        add_policy_routes(router, db);
        add_content_routes(router, db);
        add_schedule_routes(router, db);
        add_auth_routes(router, db, auth, config.demo);
        add_appointment_routes(router, db, auth, config.undo_window_s);
        add_alert_routes(router, alerts, auth);
        add_help_routes(router, db, auth);
        add_staff_content_routes(router, db, auth);
        StaticFiles site(config.web_root);

        HttpServer server(io, {net::ip::make_address(config.host), static_cast<unsigned short>(config.port)},
                          HttpLimits{config.max_body_bytes, 30},
                          [&](const Request& request, const std::string& peer) {
                              return dispatch(config, router, site, request, peer);
                          },
                          config.log_requests,
                          [&](const Request& request, net::ip::tcp::socket& socket) {
                              constexpr std::string_view path = "/api/v1/alerts/stream";
                              const std::string_view target(request.target().data(), request.target().size());
                              if (request.method() != http::verb::get || target.substr(0, path.size()) != path ||
                                  (target.size() > path.size() && target[path.size()] != '?'))
                                  return false;
                              event_hub.subscribe(std::move(socket), request);
                              return true;
                          });
        net::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code&, int signal) {
            log_event("info", "stopping", {{"signal", signal}});
            server.stop();
            io.stop();  // handlers run to completion on this thread, so no write is cut in half
        });
        log_event("info", "listening", {{"host", config.host}, {"port", server.port()}, {"db", config.db_path},
                                        {"schema_version", version}, {"web_root", config.web_root}});
        io.run();
        log_event("info", "stopped");
        return 0;
    } catch (const std::exception& e) {
        log_event("error", "cannot start", {{"error", e.what()}});
        std::fprintf(stderr, "elder-server: %s\n", e.what());
        return 1;
    }
}
