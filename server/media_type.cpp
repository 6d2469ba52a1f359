#include "media_type.hpp"

#include <cctype>
#include <cstring>

#include "header_values.hpp"

namespace elder::server {
namespace {

bool token_char(unsigned char c) {
    return std::isalnum(c) || (c != 0 && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr);
}

}  // namespace

std::string media_type(std::string_view content_type) {
    const std::string_view type = trim_ows(content_type.substr(0, content_type.find(';')));
    const size_t slash = type.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 == type.size()) return {};
    std::string out;
    for (size_t i = 0; i < type.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(type[i]);
        if (i != slash && !token_char(c)) return {};
        out += static_cast<char>(std::tolower(c));
    }
    return out;
}

}  // namespace elder::server
