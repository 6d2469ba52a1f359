#pragma once
// Reading UTF-8 one code point at a time.
#include <cstddef>
#include <string_view>

namespace elder {

// Decodes one UTF-8 sequence at `i` (advancing it); malformed bytes become U+FFFD.
inline char32_t next_code_point(std::string_view s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i++]);
    int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0x80 && extra == 0) return 0xFFFD;
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    while (extra-- > 0) {
        if (i >= s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) return 0xFFFD;
        cp = (cp << 6) | (static_cast<unsigned char>(s[i++]) & 0x3F);
    }
    return cp;
}

}  // namespace elder
