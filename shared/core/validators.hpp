#pragma once
// Validation of what residents type: mainland mobile numbers, resident ID numbers (GB 11643),
// names. Shared by the apps (plain-Chinese messages through the catalogue) and the server.
#include <string_view>

namespace elder {

enum class InputError {
    None,
    Empty,
    TooLong,
    BadCharacters,
    BadPhone,        // not 11 digits starting 13-19
    BadIdFormat,     // not 17 digits + digit or X
    BadIdBirthDate,  // digits 7-14 are not a real date
    BadIdCheckDigit, // ISO 7064 MOD 11-2 check digit does not match
    BadCode,         // a one-time code is 6 digits
};

InputError check_mobile(std::string_view phone);
InputError check_id_number(std::string_view id);  // lower-case x accepted
InputError check_name(std::string_view utf8_name, size_t max_chars = 30);
// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool valid_utf8(std::string_view text);

// The i18n key of an error's message ("input.bad_phone", ...); "" for None.
std::string_view input_error_key(InputError error);

}  // namespace elder
