#pragma once
// Pieces of HTTP header values (RFC 9110 5.6): the optional whitespace around list elements and
// parameters, which every header parser strips the same way.
#include <string_view>

namespace elder::server {

// `s` without the spaces and tabs (OWS) around it.
inline std::string_view trim_ows(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace elder::server
