#include "staff_guard.hpp"

#include <algorithm>

namespace elder::server {
namespace {

// Failures this long after the last one start counting from zero again.
constexpr std::int64_t kForgetAfterS = 3600;
// The wait after the first failure beyond the free ones; it doubles with each further failure.
constexpr std::int64_t kFirstBlockS = 5;

}  // namespace

int StaffGuard::wait_s(const std::string& address, std::int64_t now) const {
    Statement s = db_.prepare("SELECT blocked_until FROM staff_guard WHERE address = ?");
    if (!s.bind(1, address).step() || s.integer(0) <= now) return 0;
    return static_cast<int>(s.integer(0) - now);
}

void StaffGuard::failed(const std::string& address, std::int64_t now) {
    Transaction tx(db_);
    // What nobody needs any more goes first, so the table holds only the last hour's guessers.
    db_.prepare("DELETE FROM staff_guard WHERE last_at < ?1 AND blocked_until <= ?2").bind(1, now - kForgetAfterS).bind(2, now).run();
    int failures = 0;
    Statement s = db_.prepare("SELECT failures FROM staff_guard WHERE address = ?");
    if (s.bind(1, address).step()) failures = static_cast<int>(s.integer(0));
    failures += 1;
    const int over = failures - kFreeFailures;
    std::int64_t blocked_until = 0;
    if (over > 0) blocked_until = now + std::min<std::int64_t>(kMaxBlockS, kFirstBlockS << std::min(over - 1, 20));
    db_.prepare("INSERT INTO staff_guard (address, failures, last_at, blocked_until) VALUES (?1, ?2, ?3, ?4) "
                "ON CONFLICT (address) DO UPDATE SET failures = excluded.failures, last_at = excluded.last_at, "
                "blocked_until = excluded.blocked_until")
        .bind(1, address).bind(2, static_cast<std::int64_t>(failures)).bind(3, now).bind(4, blocked_until).run();
    tx.commit();
}

}  // namespace elder::server
