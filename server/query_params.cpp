#include "query_params.hpp"

#include <regex>

namespace elder::server {

void query_int(const Call& call, const char* name, std::int64_t min, std::int64_t max, std::int64_t& out,
               nlohmann::json& invalid) {
    const auto it = call.query.find(name);
    if (it == call.query.end()) return;
    static const std::regex digits("[0-9]{1,18}");
    if (std::regex_match(it->second, digits)) {
        const std::int64_t v = std::stoll(it->second);
        if (v >= min && v <= max) {
            out = v;
            return;
        }
    }
    invalid.push_back({{"name", name},
                       {"reason", "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)}});
}

Response invalid_query(const Call& call, const nlohmann::json& invalid) {
    return problem(http::status::bad_request, "Invalid query parameters", "查询条件不对，请重试。", call.request,
                   {{"invalid_params", invalid}});
}

bool parse_cursor(const std::string& cursor, const char* pattern, std::string& text, std::int64_t& id) {
    const std::regex re(std::string("(") + pattern + ")_([0-9]{1,18})");
    std::smatch m;
    if (!std::regex_match(cursor, m, re)) return false;
    text = m[1];
    id = std::stoll(m[2]);
    return true;
}

}  // namespace elder::server

namespace elder::server {

bool path_id(const Call& call, std::int64_t& id, const char* name) {
    static const std::regex pattern("[1-9][0-9]{0,17}");
    const auto it = call.params.find(name);
    if (it == call.params.end() || !std::regex_match(it->second, pattern)) return false;
    id = std::stoll(it->second);
    return true;
}

}  // namespace elder::server
