#include "crypto.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <stdexcept>
#include <vector>

namespace elder::server {
namespace {

std::vector<unsigned char> random_bytes(size_t n) {
    std::vector<unsigned char> out(n);
    if (RAND_bytes(out.data(), static_cast<int>(n)) != 1) throw std::runtime_error("no randomness available");
    return out;
}

std::string hex(const unsigned char* data, size_t n) {
    static const char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) {
        out += digits[data[i] >> 4];
        out += digits[data[i] & 15];
    }
    return out;
}

// Picks `count` characters from `alphabet` without modulo bias (rejection sampling).
std::string random_from(const std::string& alphabet, size_t count) {
    const unsigned limit = 256 - 256 % alphabet.size();
    std::string out;
    while (out.size() < count)
        for (unsigned char b : random_bytes(count * 2))
            if (b < limit && out.size() < count) out += alphabet[b % alphabet.size()];
    return out;
}

}  // namespace

std::string random_hex(size_t bytes) {
    const auto data = random_bytes(bytes);
    return hex(data.data(), data.size());
}

std::string random_digits(size_t count) { return random_from("0123456789", count); }

// Codes people read out, type or copy from paper: no letter that looks like a digit (O 0, I 1, B 8,
// S 5, Z 2), so that whatever is seen or heard is one character of the code.
std::string random_code(size_t count) { return random_from(kCodeAlphabet, count); }

std::string sha256_hex(const std::string& data) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
    return hex(digest, sizeof digest);
}

std::string hmac_sha256_hex(const std::string& key, const std::string& data) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
              data.size(), digest, &size))
        throw std::runtime_error("HMAC-SHA-256 failed");
    return hex(digest, size);
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace elder::server
