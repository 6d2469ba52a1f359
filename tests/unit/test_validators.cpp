#include <catch2/catch.hpp>

#include "core/validators.hpp"

using namespace elder;

TEST_CASE("mainland mobile numbers") {
    CHECK(check_mobile("13800138000") == InputError::None);
    CHECK(check_mobile("19912345678") == InputError::None);
    CHECK(check_mobile("") == InputError::Empty);
    CHECK(check_mobile("12800138000") == InputError::BadPhone);  // 12x is not a mobile prefix
    CHECK(check_mobile("1380013800") == InputError::BadPhone);   // 10 digits
    CHECK(check_mobile("138001380001") == InputError::BadPhone);
    CHECK(check_mobile("1380013800a") == InputError::BadPhone);
    CHECK(check_mobile("+8613800138000") == InputError::BadPhone);
}

TEST_CASE("resident ID numbers: GB 11643 check digit and birth date") {
    // Check digits computed by hand with ISO 7064 MOD 11-2.
    CHECK(check_id_number("11010519491231002X") == InputError::None);
    CHECK(check_id_number("11010519491231002x") == InputError::None);  // lower-case x accepted
    CHECK(check_id_number("110105194912310021") == InputError::BadIdCheckDigit);
    CHECK(check_id_number("440524188001010014") == InputError::BadIdBirthDate);  // 1880: before 1900
    CHECK(check_id_number("110105194902300020") == InputError::BadIdBirthDate);  // 30 February
    CHECK(check_id_number("11010519491231002") == InputError::BadIdFormat);
    CHECK(check_id_number("1101051949123100XX") == InputError::BadIdFormat);
    CHECK(check_id_number("") == InputError::Empty);
}

TEST_CASE("29 February only in leap years") {
    // 2000-02-29 (leap, century divisible by 400): digits 11010520000229001 -> check digit computed.
    const char* base = "11010520000229001";
    int sum = 0;
    const int w[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    for (int i = 0; i < 17; ++i) sum += (base[i] - '0') * w[i];
    const std::string valid = std::string(base) + "10X98765432"[sum % 11];
    CHECK(check_id_number(valid) == InputError::None);
    CHECK(check_id_number("110105190002290010") == InputError::BadIdBirthDate);  // 1900 is not leap
}

TEST_CASE("names") {
    CHECK(check_name("王秀英") == InputError::None);
    CHECK(check_name("  ") == InputError::Empty);
    CHECK(check_name("") == InputError::Empty);
    CHECK(check_name("张三\n") == InputError::BadCharacters);
    CHECK(check_name(std::string(31 * 3, 'a').substr(0, 31)) == InputError::TooLong);
    CHECK(check_name("阿卜杜热合曼·买买提") == InputError::None);  // 10 characters, not 28 bytes
}

TEST_CASE("every input error has a message key") {
    for (InputError e : {InputError::Empty, InputError::TooLong, InputError::BadCharacters, InputError::BadPhone,
                         InputError::BadIdFormat, InputError::BadIdBirthDate, InputError::BadIdCheckDigit})
        CHECK_FALSE(input_error_key(e).empty());
}

TEST_CASE("well-formed UTF-8 only") {
    CHECK(valid_utf8(""));
    CHECK(valid_utf8("plain ascii"));
    CHECK(valid_utf8("社区养老服务 玥喆"));
    CHECK(valid_utf8("\xF0\x9F\x98\x80"));          // U+1F600, four bytes
    CHECK_FALSE(valid_utf8("\xFF"));                 // never valid
    CHECK_FALSE(valid_utf8("/\xC3"));                // cut short
    CHECK_FALSE(valid_utf8("\xC0\xAF"));             // overlong '/'
    CHECK_FALSE(valid_utf8("\xE0\x80\xAF"));         // overlong, three bytes
    CHECK_FALSE(valid_utf8("\xED\xA0\x80"));         // a UTF-16 surrogate
    CHECK_FALSE(valid_utf8("\xF4\x90\x80\x80"));     // above U+10FFFF
    CHECK_FALSE(valid_utf8("\xE4\xB8"));             // a CJK character missing its last byte
    CHECK_FALSE(valid_utf8("a\x80" "b"));            // a lone continuation byte
}
