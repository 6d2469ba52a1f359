#pragma once
// Structured logs: one JSON object per line on stderr.
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace elder::server {

// On by default; the fuzzer turns logging off (millions of requests).
void set_log_enabled(bool enabled);

void log_event(const std::string& level, const std::string& message, nlohmann::json fields = nlohmann::json::object());
void log_request(const Request& request, int status, double ms);

}  // namespace elder::server
