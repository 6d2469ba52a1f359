#pragma once
// Reading query parameters with validation; each problem is appended to an RFC 9457
// "invalid_params" list so that one answer names every bad parameter.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace elder::server {

// Sets `out` if the parameter is present and a whole number in [min, max]; else records a problem.
void query_int(const Call& call, const char* name, std::int64_t min, std::int64_t max, std::int64_t& out,
               nlohmann::json& invalid);

// The standard 400 for a list of invalid parameters.
Response invalid_query(const Call& call, const nlohmann::json& invalid);

// Parses "<text>_<id>" cursors as given out by list endpoints; the text part must match `pattern`.
bool parse_cursor(const std::string& cursor, const char* pattern, std::string& text, std::int64_t& id);

}  // namespace elder::server

namespace elder::server {

// The {id} path parameter (or another, `name`) as a positive number; false for anything else (answer 404).
bool path_id(const Call& call, std::int64_t& id, const char* name = "id");

// One page of a list whose statement asked for `limit + 1` rows: the extra row only tells that
// another page exists. Returns the items (`to_json(statement)` each) and sets `next` to
// `cursor_of(last item)` when there is more, else null.
template <class Stmt, class ToJson, class CursorOf>
nlohmann::json read_page(Stmt& s, std::int64_t limit, ToJson to_json, CursorOf cursor_of, nlohmann::json& next) {
    nlohmann::json items = nlohmann::json::array();
    next = nullptr;
    while (s.step()) {
        if (static_cast<std::int64_t>(items.size()) == limit) {
            next = cursor_of(items.back());
            break;
        }
        items.push_back(to_json(s));
    }
    return items;
}

}  // namespace elder::server
