#pragma once
// Reading JSON request bodies and their fields, collecting every problem for one 400 answer.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http_types.hpp"

namespace elder::server {

// Parses a JSON object body (media type application/json); on failure returns the 415 (another
// media type, or none) or 400 (not a JSON object) to send.
std::optional<Response> read_json_body(const Call& call, nlohmann::json& out);

// A string field; records a problem in `invalid` when missing (if required), not a string, or
// outside [min_chars, max_chars] (UTF-8 characters).
std::string string_field(const nlohmann::json& body, const char* name, bool required, size_t min_chars,
                         size_t max_chars, nlohmann::json& invalid);

// A positive integer field.
std::int64_t id_field(const nlohmann::json& body, const char* name, nlohmann::json& invalid);

// The 400 for invalid fields, with a sentence for the resident.
Response invalid_body(const Call& call, const nlohmann::json& invalid,
                      const std::string& detail = "填写的内容有误，请检查后再提交。");

}  // namespace elder::server
