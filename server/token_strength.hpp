#pragma once
// Whether a configured secret (the staff token) could be guessed: the server refuses to start with
// one that could, because staff endpoints publish alerts and bind boxes to households.
#include <optional>
#include <string>

namespace elder::server {

// Why `token` is too weak (a phrase for the start-up error), or nothing when it is strong enough:
// at least 24 characters, at least 10 different ones, and about 128 bits by the characters it
// draws from (a 32-character hex string just passes; `openssl rand -hex 32` is comfortable).
std::optional<std::string> weak_token_reason(const std::string& token);

}  // namespace elder::server
