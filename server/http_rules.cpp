#include "http_rules.hpp"

namespace elder::server {
namespace {

Response closing(Response res) {
    res.keep_alive(false);
    return res;
}

Request bare_request(boost::beast::string_view target = "/") {
    Request r;
    r.version(11);
    r.target(target);
    return r;
}

}  // namespace

void apply_limits(RequestParser& parser, const HttpLimits& limits) {
    parser.body_limit(limits.max_body_bytes);
    parser.header_limit(limits.max_header_bytes);
}

Response unreadable_request(const boost::beast::error_code& ec, const HttpLimits& limits) {
    const Request r = bare_request();
    if (ec == http::error::body_limit)
        return closing(problem(http::status::payload_too_large, "Request body too large", "提交的内容太大了。", r,
                               {{"max_bytes", limits.max_body_bytes}}));
    if (ec == http::error::header_limit)
        return closing(problem(http::status::request_header_fields_too_large, "Request headers too large",
                               "请求头太大了。", r, {{"max_bytes", limits.max_header_bytes}}));
    return closing(problem(http::status::bad_request, "Malformed HTTP request", "请求格式不对。", r));
}

std::optional<Response> refused_request(const Request& request) {
    for (const char c : request.target())
        if (c < 0x21 || c > 0x7E)
            return closing(problem(http::status::bad_request, "Malformed URL", "网址格式不对。", bare_request()));
    const auto te = request.find(http::field::transfer_encoding);
    if (te != request.end() && !boost::beast::iequals(te->value(), "chunked"))
        return closing(problem(http::status::bad_request, "Unsupported Transfer-Encoding",
                               "请求格式不对。", bare_request(request.target())));
    return std::nullopt;
}

Response internal_error(unsigned version) {
    Response res{http::status::internal_server_error, version};
    res.set(http::field::content_type, "application/problem+json");
    res.body() = R"({"type":"about:blank","title":"Internal error","status":500,"detail":"服务器出了点问题，请稍后再试。"})";
    res.keep_alive(false);
    res.prepare_payload();
    return res;
}

}  // namespace elder::server
