#pragma once
// The media type of a Content-Type header (RFC 9110 8.3.1): "type/subtype" before any ";", without
// surrounding spaces, lower-cased. A substring search would take "text/plain; x=application/json"
// for JSON, and text/plain is one of the types a web page may send cross-origin without asking.
#include <string>
#include <string_view>

namespace elder::server {

// "" when the value is not a media type (no "/", empty parts, characters outside RFC 9110 tokens).
std::string media_type(std::string_view content_type);

}  // namespace elder::server
