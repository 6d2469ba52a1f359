#include "keyword.hpp"

#include <cctype>
#include <string>

namespace elder {
namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

bool matches_keyword(std::string_view text, std::string_view keyword) {
    const std::string haystack = lower(text);
    bool any = false;
    size_t pos = 0;
    while (pos < keyword.size()) {
        while (pos < keyword.size() && std::isspace(static_cast<unsigned char>(keyword[pos]))) ++pos;
        size_t end = pos;
        while (end < keyword.size() && !std::isspace(static_cast<unsigned char>(keyword[end]))) ++end;
        if (end > pos) {
            if (haystack.find(lower(keyword.substr(pos, end - pos))) == std::string::npos) return false;
            any = true;
        }
        pos = end;
    }
    return any;
}

}  // namespace elder
