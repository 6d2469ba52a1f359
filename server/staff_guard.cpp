#include "staff_guard.hpp"

#include <algorithm>

namespace elder::server {
namespace {

// Failures this long after the last one start counting from zero again.
constexpr std::int64_t kForgetAfterS = 3600;
// The wait after the first failure beyond the free ones; it doubles with each further failure.
constexpr std::int64_t kFirstBlockS = 5;
// Past this many addresses, records that have nothing left to say are dropped.
constexpr size_t kTidyAbove = 10000;

}  // namespace

int StaffGuard::wait_s(const std::string& address, std::int64_t now) const {
    const auto it = records_.find(address);
    if (it == records_.end() || it->second.blocked_until <= now) return 0;
    return static_cast<int>(it->second.blocked_until - now);
}

void StaffGuard::failed(const std::string& address, std::int64_t now) {
    if (records_.size() > kTidyAbove) forget_old(now);
    Record& r = records_[address];
    if (now - r.last_at > kForgetAfterS) r = Record{};
    r.failures += 1;
    r.last_at = now;
    const int over = r.failures - kFreeFailures;
    if (over > 0) {
        const std::int64_t block = std::min<std::int64_t>(kMaxBlockS, kFirstBlockS << std::min(over - 1, 20));
        r.blocked_until = now + block;
    }
}

// Many addresses at once: only those made to wait right now are kept, so memory stays bounded. An
// attacker with that many addresses has that many free tries anyway.
void StaffGuard::forget_old(std::int64_t now) {
    for (auto it = records_.begin(); it != records_.end();)
        it = it->second.blocked_until <= now ? records_.erase(it) : std::next(it);
}

}  // namespace elder::server
