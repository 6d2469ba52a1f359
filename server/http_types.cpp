#include "http_types.hpp"

#include "compression.hpp"

namespace elder::server {
namespace {

// Answers are built on the error path too, so serialising must not throw: a byte that is not
// UTF-8 (only possible from a handler's bug, since requests are checked) becomes U+FFFD.

}  // namespace

Response retry_later(http::status status, const std::string& title, const std::string& detail,
                     const Request& request, int retry_after_s) {
    Response res = problem(status, title, detail, request, {{"retry_after_s", retry_after_s}});
    res.set(http::field::retry_after, std::to_string(retry_after_s));
    return res;
}

std::string request_path(const Request& request) {
    const std::string_view target(request.target().data(), request.target().size());
    return std::string(target.substr(0, target.find('?')));
}

Response problem(http::status status, const std::string& title, const std::string& detail,
                 const Request& request, nlohmann::json extra) {
    nlohmann::json body = std::move(extra);
    body["type"] = "about:blank";
    body["title"] = title;
    body["status"] = static_cast<int>(status);
    body["detail"] = detail;
    body["instance"] = request_path(request);
    Response res{status, request.version()};
    res.set(http::field::content_type, "application/problem+json");
    res.body() = json_text(body);
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return res;
}

Response json_response(http::status status, const nlohmann::json& body, const Request& request) {
    Response res{status, request.version()};
    res.set(http::field::content_type, "application/json");
    res.body() = json_text(body);
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return res;
}

std::string json_text(const nlohmann::json& body) {
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace elder::server

namespace elder::server {

bool etag_matches(const Request& request, const std::string& etag) {
    return etag_named(request, etag) || etag_named(request, gzip_etag(etag));
}

bool etag_named(const Request& request, const std::string& etag) {
    const auto it = request.find(http::field::if_none_match);
    if (it == request.end()) return false;
    const std::string header(it->value());
    if (header == "*") return true;
    // A list of tags, possibly weak (W/"..."): compare the quoted parts.
    for (size_t pos = 0; (pos = header.find('"', pos)) != std::string::npos;) {
        const size_t end = header.find('"', pos + 1);
        if (end == std::string::npos) break;
        if (header.compare(pos, end - pos + 1, etag) == 0) return true;
        pos = end + 1;
    }
    return false;
}

Response no_content(const Request& request) {
    Response res{http::status::no_content, request.version()};
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return res;
}

Response not_modified(const std::string& etag, const Request& request) {
    Response res{http::status::not_modified, request.version()};
    res.set(http::field::etag, etag);
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return res;
}

}  // namespace elder::server
