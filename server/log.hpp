#pragma once
// Structured logs: one JSON object per line on stderr.
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace elder::server {

// On by default; the fuzzer turns logging off (millions of requests).
void set_log_enabled(bool enabled);

void log_event(const std::string& level, const std::string& message, nlohmann::json fields = nlohmann::json::object());
// One line per answered request: method, path (never the query: it may hold a phone number),
// status, time, the client's address and who called ("staff", "resident:12", "device:7"; never a
// name or phone).
void log_request(const Request& request, int status, double ms, const std::string& client,
                 const std::string& principal, const std::string& request_id);

}  // namespace elder::server
