#include "request_body.hpp"

#include "media_type.hpp"

namespace elder::server {
namespace {

size_t utf8_chars(const std::string& s) {
    size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::optional<Response> read_json_body(const Call& call, nlohmann::json& out) {
    const auto type = call.request.find(http::field::content_type);
    if (type == call.request.end() || media_type(std::string_view(type->value().data(), type->value().size())) != "application/json")
        return problem(http::status::unsupported_media_type, "JSON expected",
                       "请求格式不对（需要 JSON）。", call.request);
    out = nlohmann::json::parse(call.request.body(), nullptr, false);
    if (out.is_discarded() || !out.is_object())
        return problem(http::status::bad_request, "Malformed JSON", "提交的内容格式不对。", call.request);
    return std::nullopt;
}

std::string string_field(const nlohmann::json& body, const char* name, bool required, size_t min_chars,
                         size_t max_chars, nlohmann::json& invalid) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null()) {
        if (required) invalid.push_back({{"name", name}, {"reason", "is required"}});
        return {};
    }
    if (!it->is_string()) {
        invalid.push_back({{"name", name}, {"reason", "must be a string"}});
        return {};
    }
    const std::string value = it->get<std::string>();
    const size_t n = utf8_chars(value);
    if (n < min_chars || n > max_chars)
        invalid.push_back({{"name", name}, {"reason", "must have " + std::to_string(min_chars) + " to " +
                                                          std::to_string(max_chars) + " characters"}});
    return value;
}

std::int64_t id_field(const nlohmann::json& body, const char* name, nlohmann::json& invalid) {
    const auto it = body.find(name);
    if (it == body.end() || !it->is_number_integer() || it->get<std::int64_t>() < 1) {
        invalid.push_back({{"name", name}, {"reason", "must be a positive whole number"}});
        return 0;
    }
    return it->get<std::int64_t>();
}

Response invalid_body(const Call& call, const nlohmann::json& invalid, const std::string& detail) {
    return problem(http::status::bad_request, "Invalid request body", detail, call.request,
                   {{"invalid_params", invalid}});
}

}  // namespace elder::server
