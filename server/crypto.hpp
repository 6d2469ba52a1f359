#pragma once
// Randomness and hashing for tokens and one-time codes (OpenSSL).
#include <string>

namespace elder::server {

std::string random_hex(size_t bytes);     // e.g. 32 bytes -> 64 hex characters
std::string random_digits(size_t count);  // uniform decimal digits
// The 29 characters of codes people read: digits 2-9 and the letters that look like none of them.
inline constexpr const char* kCodeAlphabet = "23456789ACDEFGHJKLMNPQRTUVWXY";
std::string random_code(size_t count);    // from kCodeAlphabet
std::string sha256_hex(const std::string& data);
std::string hmac_sha256_hex(const std::string& key, const std::string& data);
bool constant_time_equal(const std::string& a, const std::string& b);

}  // namespace elder::server
