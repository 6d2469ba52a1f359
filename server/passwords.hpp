#pragma once
// Staff passwords: Argon2id from libsodium (memory-hard: 64 MiB and a few passes per guess), stored
// as libsodium's self-describing string, so that stronger settings later still verify old hashes.
// Hashing takes a tenth of a second on purpose: call these on a worker (offload.hpp), never on the
// I/O thread.
#include <optional>
#include <string>

namespace elder::server {

constexpr size_t kMinPasswordChars = 10;
constexpr size_t kMaxPasswordBytes = 256;

// Why `password` cannot be used for account `name` (too short, too long, the name itself), in a
// sentence for the person choosing it; nothing when it may.
std::optional<std::string> password_problem(const std::string& name, const std::string& password);

std::string hash_password(const std::string& password);  // throws when libsodium cannot
bool verify_password(const std::string& hash, const std::string& password);

// A hash of a password nobody has: verified against when the account does not exist, so that an
// unknown name costs the same time as a wrong password and says nothing about which names exist.
const std::string& decoy_hash();

}  // namespace elder::server
