#pragma once
// The request and response types every handler sees, and the problem+json (RFC 9457) error body.
#include <map>
#include <string>

#include <boost/beast/http.hpp>
#include <nlohmann/json.hpp>

namespace elder::server {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

// A request as a handler sees it: the raw request, path parameters ({id}) and the query string.
struct Call {
    const Request& request;
    std::map<std::string, std::string> params;
    std::map<std::string, std::string> query;
    std::string peer;  // the client's IP address (rate limits)
};

// `status` with a problem+json body. `title` is a short English summary for developers;
// `detail` is the sentence a resident could be shown (plain Chinese where the UI shows it).
Response problem(http::status status, const std::string& title, const std::string& detail,
                 const Request& request, nlohmann::json extra = nlohmann::json::object());

Response json_response(http::status status, const nlohmann::json& body, const Request& request);
// An answer's JSON text (invalid UTF-8 replaced, never thrown).
std::string json_text(const nlohmann::json& body);

// A problem that says when to come back: 429 (this client asks too often) or 503 (the server is
// full), with Retry-After and `retry_after_s`.
Response retry_later(http::status status, const std::string& title, const std::string& detail,
                     const Request& request, int retry_after_s);
inline Response too_many_requests(const Request& request, const std::string& detail, int retry_after_s) {
    return retry_later(http::status::too_many_requests, "Too many requests", detail, request, retry_after_s);
}

// The target without its query: what problem+json's `instance` and the logs show (a query may
// hold personal data, such as a phone number).
std::string request_path(const Request& request);

}  // namespace elder::server

namespace elder::server {

// True when the request's If-None-Match names `etag` or its gzip form (compression.hpp), or "*".
bool etag_matches(const Request& request, const std::string& etag);
// True when the request's If-None-Match names exactly `etag` (or "*").
bool etag_named(const Request& request, const std::string& etag);
// A 304 with the ETag and no body.
Response not_modified(const std::string& etag, const Request& request);
// A 204 (done, nothing to send back).
Response no_content(const Request& request);

// 304 when the request's If-None-Match names `etag`; otherwise 200 with the JSON that `make_body()`
// builds (only then), the ETag, and Cache-Control: no-cache so that clients always revalidate.
template <class MakeBody>
Response respond_with_etag(const Request& request, const std::string& etag, MakeBody make_body) {
    if (etag_matches(request, etag)) return not_modified(etag, request);
    Response res = json_response(http::status::ok, make_body(), request);
    res.set(http::field::etag, etag);
    res.set(http::field::cache_control, "no-cache");
    return res;
}

}  // namespace elder::server
