#include "passwords.hpp"

#include <stdexcept>

#include <sodium.h>

#include "crypto.hpp"

namespace elder::server {
namespace {

void init_sodium() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not be initialised");
}

size_t utf8_chars(const std::string& s) {
    size_t n = 0;
    for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

}  // namespace

std::optional<std::string> password_problem(const std::string& name, const std::string& password) {
    if (password.size() > kMaxPasswordBytes) return "密码太长了（最多 " + std::to_string(kMaxPasswordBytes) + " 个字节）。";
    if (utf8_chars(password) < kMinPasswordChars)
        return "密码至少要 " + std::to_string(kMinPasswordChars) + " 个字符。";
    if (password == name) return "密码不能和登录名一样。";
    return std::nullopt;
}

std::string hash_password(const std::string& password) {
    init_sodium();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("out of memory while hashing a password");
    return out;
}

bool verify_password(const std::string& hash, const std::string& password) {
    init_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_hash() {
    static const std::string hash = hash_password(random_hex(16));
    return hash;
}

}  // namespace elder::server
