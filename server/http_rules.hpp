#pragma once
// The HTTP/1.1 rules every request is held to before a handler sees it, shared by the connection
// (http_server.cpp) and the HTTP fuzzer: size limits on the parser, the answer to a request that
// could not be read, and the framing and target checks of RFC 9112.
#include <optional>

#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>

#include "http_types.hpp"
#include "limits.hpp"

namespace elder::server {

using RequestParser = http::request_parser<http::string_body>;

void apply_limits(RequestParser& parser, const HttpLimits& limits);

// The answer to a request that could not be read (`ec` from the parser): 413 for a body over the
// limit, 431 for headers over it, 400 for anything malformed. The connection is closed after it.
Response unreadable_request(const boost::beast::error_code& ec, const HttpLimits& limits);

// A request that was read but must not reach a handler: a target that is not visible ASCII
// (RFC 9112 section 3.2), or a Transfer-Encoding other than "chunked" (section 6.1: the server
// cannot tell where the body ends, so the connection is closed after the 400).
std::optional<Response> refused_request(const Request& request);

// The 500 when a handler failed: a fixed body, nothing taken from the request.
Response internal_error(unsigned version);

}  // namespace elder::server
