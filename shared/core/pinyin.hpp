#pragma once
// Search by pinyin initials (首字母), as IPTV boxes do: typing "YL" on the remote finds 养老.
// The table of initials is generated at build time (scripts/make_pinyin_table.mjs).
#include <string>
#include <string_view>

namespace elder {

namespace pinyin_table {
struct OtherInitials {
    char32_t code_point;
    const char* letters;
};
}  // namespace pinyin_table

// The letters a character may start with: "c" and "z" for 长, "y" for 养; an ASCII letter or digit
// is its own (lower-case); "" for anything else.
std::string initials_of(char32_t code_point);

// True when `query` (letters and digits, case ignored) spells the initials of consecutive
// characters of `text` (UTF-8), skipping spaces and punctuation: "yl" matches 社区养老服务.
// An empty query matches nothing.
bool matches_initials(std::string_view text, std::string_view query);

}  // namespace elder
