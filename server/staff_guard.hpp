#pragma once
// Guessing the staff token (or an enrolment code) from one address: a few failures are free (a
// typo, a stale script), then every further failure closes that address to staff authentication
// for twice as long as the last one (5 s, 10 s, ...), up to 15 minutes, answered 429 with Retry-After. A refusal
// costs the server nothing: no handler sleeps on the single I/O thread.
// Kept in memory: a restart forgives, which an attacker cannot cause from outside.
#include <cstdint>
#include <string>
#include <unordered_map>

namespace elder::server {

class StaffGuard {
public:
    static constexpr int kFreeFailures = 10;
    static constexpr int kMaxBlockS = 15 * 60;

    // Seconds `address` must still wait before it may authenticate again; 0 when it may.
    int wait_s(const std::string& address, std::int64_t now) const;
    void failed(const std::string& address, std::int64_t now);

private:
    struct Record {
        int failures = 0;
        std::int64_t last_at = 0;
        std::int64_t blocked_until = 0;
    };
    void forget_old(std::int64_t now);
    std::unordered_map<std::string, Record> records_;
};

}  // namespace elder::server
