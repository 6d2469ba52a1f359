#include "validators.hpp"

namespace elder {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool valid_date(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return false;
    return d <= days[m - 1] + (m == 2 && is_leap(y) ? 1 : 0);
}

int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

InputError check_mobile(std::string_view phone) {
    if (phone.empty()) return InputError::Empty;
    if (phone.size() != 11 || phone[0] != '1' || phone[1] < '3' || phone[1] > '9') return InputError::BadPhone;
    for (char c : phone)
        if (!is_digit(c)) return InputError::BadPhone;
    return InputError::None;
}

InputError check_id_number(std::string_view id) {
    if (id.empty()) return InputError::Empty;
    if (id.size() != 18) return InputError::BadIdFormat;
    for (size_t i = 0; i < 17; ++i)
        if (!is_digit(id[i])) return InputError::BadIdFormat;
    const char last = id[17];
    if (!is_digit(last) && last != 'X' && last != 'x') return InputError::BadIdFormat;
    if (!valid_date(number(id.substr(6, 4)), number(id.substr(10, 2)), number(id.substr(12, 2))))
        return InputError::BadIdBirthDate;
    // ISO 7064 MOD 11-2: weights 2^(17-i) mod 11; check value maps 0..10 to "10X98765432".
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (size_t i = 0; i < 17; ++i) sum += (id[i] - '0') * weights[i];
    const char expected = "10X98765432"[sum % 11];
    const char given = last == 'x' ? 'X' : last;
    return given == expected ? InputError::None : InputError::BadIdCheckDigit;
}

InputError check_name(std::string_view name, size_t max_chars) {
    size_t chars = 0;
    bool visible = false;
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7F) return InputError::BadCharacters;
        if ((c & 0xC0) != 0x80) ++chars;  // count UTF-8 lead bytes, not continuation bytes
        if (c != ' ') visible = true;
    }
    if (!visible) return InputError::Empty;
    return chars > max_chars ? InputError::TooLong : InputError::None;
}

bool valid_utf8(std::string_view text) {
    for (size_t i = 0; i < text.size();) {
        const auto c = static_cast<unsigned char>(text[i]);
        size_t len;
        unsigned min, cp;
        if (c < 0x80) { ++i; continue; }
        if (c >= 0xC2 && c <= 0xDF) len = 2, min = 0x80, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) len = 3, min = 0x800, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) len = 4, min = 0x10000, cp = c & 0x07;
        else return false;
        if (i + len > text.size()) return false;
        for (size_t k = 1; k < len; ++k) {
            const auto t = static_cast<unsigned char>(text[i + k]);
            if ((t & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (t & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += len;
    }
    return true;
}

std::string_view input_error_key(InputError error) {
    switch (error) {
        case InputError::None: return "";
        case InputError::Empty: return "input.empty";
        case InputError::TooLong: return "input.too_long";
        case InputError::BadCharacters: return "input.bad_characters";
        case InputError::BadPhone: return "input.bad_phone";
        case InputError::BadIdFormat: return "input.bad_id_format";
        case InputError::BadIdBirthDate: return "input.bad_id_birth_date";
        case InputError::BadIdCheckDigit: return "input.bad_id_check_digit";
        case InputError::BadCode: return "input.bad_code";
    }
    return "";
}

}  // namespace elder
