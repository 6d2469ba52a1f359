#include "token_strength.hpp"

#include <cctype>
#include <cmath>
#include <set>

namespace elder::server {
namespace {

constexpr size_t kMinLength = 24;
constexpr size_t kMinDistinct = 10;  // "aaaa..." or "abab..." is long but not secret
constexpr double kMinBits = 128;

// The size of the alphabet the token appears to be drawn from: hex if it is all hex digits (what
// `openssl rand -hex` gives), otherwise the union of the character classes it uses.
double alphabet_size(const std::string& token) {
    bool lower = false, upper = false, digit = false, other = false, hex_only = true;
    for (const unsigned char c : token) {
        lower |= std::islower(c) != 0;
        upper |= std::isupper(c) != 0;
        digit |= std::isdigit(c) != 0;
        other |= !std::isalnum(c);
        hex_only &= std::isxdigit(c) != 0;
    }
    if (hex_only) return digit && !lower && !upper ? 10 : 16;
    return (lower ? 26 : 0) + (upper ? 26 : 0) + (digit ? 10 : 0) + (other ? 33 : 0);
}

}  // namespace

std::optional<std::string> weak_token_reason(const std::string& token) {
    if (token.size() < kMinLength)
        return "it has " + std::to_string(token.size()) + " characters, it needs at least " + std::to_string(kMinLength);
    if (std::set<char>(token.begin(), token.end()).size() < kMinDistinct)
        return "it repeats too few different characters (at least " + std::to_string(kMinDistinct) + ")";
    const double bits = static_cast<double>(token.size()) * std::log2(alphabet_size(token));
    if (bits < kMinBits)
        return "it has about " + std::to_string(static_cast<int>(bits)) + " bits of entropy, it needs " +
               std::to_string(static_cast<int>(kMinBits));
    return std::nullopt;
}

}  // namespace elder::server
