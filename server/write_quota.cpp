#include "write_quota.hpp"

#include <algorithm>

#include "china_time.hpp"

namespace elder::server {
namespace {


// "help-owner:r:12" -> "help-owner:": the rows one pruning may touch, so that other families
// (sign-in limits) keep their own windows.
std::string family_of(const std::string& key) { return key.substr(0, key.find(':') + 1); }

}  // namespace

int quota_wait_s(Database& db, const std::string& key, int per_hour) {
    const std::int64_t since = now_s() - kQuotaWindowS;
    Statement count = db.prepare("SELECT COUNT(*) FROM rate_events WHERE key = ? AND at > ?");
    count.bind(1, key).bind(2, since).step();
    if (count.integer(0) < per_hour) return 0;
    // The oldest write in the window leaves it first; then one more fits.
    Statement oldest = db.prepare("SELECT at FROM rate_events WHERE key = ? AND at > ? ORDER BY at LIMIT 1 OFFSET ?");
    oldest.bind(1, key).bind(2, since).bind(3, count.integer(0) - per_hour).step();
    return static_cast<int>(std::max<std::int64_t>(1, oldest.integer(0) + kQuotaWindowS - now_s() + 1));
}

void record_write(Database& db, const std::string& key) {
    const std::string family = family_of(key);
    db.prepare("DELETE FROM rate_events WHERE key >= ? AND key < ? AND at <= ?")
        .bind(1, family).bind(2, family.substr(0, family.size() - 1) + ";").bind(3, now_s() - kQuotaWindowS).run();
    db.prepare("INSERT INTO rate_events (key, at) VALUES (?, ?)").bind(1, key).bind(2, now_s()).run();
}

std::string minutes_words(int seconds) { return std::to_string(std::max(1, (seconds + 59) / 60)) + " 分钟"; }

}  // namespace elder::server
