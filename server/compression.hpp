#pragma once
// The API's answers compressed for clients that accept it: a phone on a slow line, a kiosk's first
// visit (ARCHITECTURE.md, "Reference server"). An answer of JSON or problem+json of 1 KB or more goes
// gzip-compressed when the request's Accept-Encoding allows gzip (q-values as for static files);
// its ETag gets "-gz" before the closing quote (each encoding of a list is its own representation),
// and an If-None-Match naming either form matches (etag_matches). Vary says Accept-Encoding.
#include <cstddef>
#include <string>
#include <string_view>

#include "http_types.hpp"

namespace elder::server {

constexpr int kAnswerLevel = 6;  // zlib's default: most of level 9's gain at a third of the time
// Below 1 KB the headers cost more than compression saves.
constexpr bool worth_compressing(std::size_t bytes) { return bytes >= 1024; }

std::string gzip(std::string_view data, int level);
// True when the request's Accept-Encoding allows gzip (q-values as for static files).
bool accepts_gzip(const Request& request);
// Adds `token` to the response's Vary header, keeping what is there.
void add_vary(Response& res, std::string_view token);
// Compresses `res` in place when the request allows it and it is worth it; otherwise leaves it.
void compress_answer(const Request& request, Response& res);
// `"x"` -> `"x-gz"`: the ETag of an answer's gzip form.
std::string gzip_etag(std::string_view etag);

}  // namespace elder::server
