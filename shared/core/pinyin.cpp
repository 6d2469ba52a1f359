#include "pinyin.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "utf8.hpp"

namespace elder {

namespace pinyin_table {
extern const char kPrimary[];
extern const OtherInitials kOthers[];
extern const int kOtherCount;
}  // namespace pinyin_table

namespace {

constexpr char32_t kFirst = 0x4E00, kLast = 0x9FA5;

}  // namespace

std::string initials_of(char32_t cp) {
    if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) ? std::string(1, static_cast<char>(std::tolower(static_cast<int>(cp)))) : "";
    if (cp < kFirst || cp > kLast) return "";
    std::string out;
    const char primary = pinyin_table::kPrimary[cp - kFirst];
    if (primary != '.') out += primary;
    const auto* end = pinyin_table::kOthers + pinyin_table::kOtherCount;
    const auto* it = std::lower_bound(pinyin_table::kOthers, end, cp,
                                      [](const pinyin_table::OtherInitials& o, char32_t c) { return o.code_point < c; });
    if (it != end && it->code_point == cp) out += it->letters;
    return out;
}

bool matches_initials(std::string_view text, std::string_view query) {
    std::string wanted;
    for (char c : query)
        if (std::isalnum(static_cast<unsigned char>(c))) wanted += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (wanted.empty()) return false;
    std::vector<std::string> sets;
    for (size_t i = 0; i < text.size();) {
        std::string initials = initials_of(next_code_point(text, i));
        if (!initials.empty()) sets.push_back(std::move(initials));
    }
    for (size_t start = 0; start + wanted.size() <= sets.size(); ++start) {
        size_t k = 0;
        while (k < wanted.size() && sets[start + k].find(wanted[k]) != std::string::npos) ++k;
        if (k == wanted.size()) return true;
    }
    return false;
}

}  // namespace elder
