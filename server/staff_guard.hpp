#pragma once
// Guessing the staff token (or an enrolment code) from one address: a few failures are free (a
// typo, a stale script), then every further failure closes that address to staff authentication
// for twice as long as the last one (5 s, 10 s, ...), up to 15 minutes, answered 429 with Retry-After. A refusal
// costs the server nothing: no handler sleeps on the single I/O thread.
// Kept in the database (table staff_guard), so that every replica behind a load balancer counts
// the same failures; rows an hour old that block nothing are deleted as new failures come.
#include <cstdint>
#include <string>

#include "database.hpp"

namespace elder::server {

class StaffGuard {
public:
    static constexpr int kFreeFailures = 10;
    static constexpr int kMaxBlockS = 15 * 60;

    explicit StaffGuard(Database& db) : db_(db) {}
    // Seconds `address` must still wait before it may authenticate again; 0 when it may.
    int wait_s(const std::string& address, std::int64_t now) const;
    // Counts one failure (its own transaction: call outside one).
    void failed(const std::string& address, std::int64_t now);

private:
    Database& db_;
};

}  // namespace elder::server
