#pragma once
// Randomness and hashing for tokens and one-time codes (OpenSSL).
#include <string>

namespace elder::server {

std::string random_hex(size_t bytes);     // e.g. 32 bytes -> 64 hex characters
std::string random_digits(size_t count);  // uniform decimal digits
// The 28 characters of codes people read: digits 2-9 and the letters that look like none of them
// (no O/0, I/1, B/8, S/5, Z/2, and no J, which reads as a 5 and, before an L, as 儿 to OCR and eyes).
inline constexpr const char* kCodeAlphabet = "23456789ACDEFGHKLMNPQRTUVWXY";
std::string random_code(size_t count);    // from kCodeAlphabet
// Appointment codes are digits only: residents read them out at the counter (issue 16).
inline constexpr size_t kTicketCodeDigits = 6;
std::string sha256_hex(const std::string& data);
std::string hmac_sha256_hex(const std::string& key, const std::string& data);
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace elder::server
