#include "log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace elder::server {
namespace {

bool enabled = true;

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                  tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

}  // namespace

void set_log_enabled(bool on) { enabled = on; }

void log_event(const std::string& level, const std::string& message, nlohmann::json fields) {
    if (!enabled) return;
    fields["ts"] = utc_now();
    fields["level"] = level;
    fields["msg"] = message;
    std::fprintf(stderr, "%s\n", fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
}

void log_request(const Request& request, int status, double ms, const std::string& client,
                 const std::string& principal, const std::string& request_id) {
    nlohmann::json fields = {{"method", std::string(request.method_string())},
                             {"path", request_path(request)},
                             {"status", status},
                             {"ms", static_cast<int>(ms * 1000) / 1000.0},
                             {"client", client},
                             {"request_id", request_id}};
    if (!principal.empty()) fields["principal"] = principal;
    log_event("info", "request", std::move(fields));
}

}  // namespace elder::server
