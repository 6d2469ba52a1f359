#pragma once
// Hourly quotas on writes (help requests), counted in the rate_events table the sign-in limits
// use: one row per accepted write under a key such as "help-owner:r:12" or "help-ip:10.0.0.5".
#include <string>

#include "database.hpp"
#include "http_types.hpp"

namespace elder::server {

constexpr int kQuotaWindowS = 3600;

// Seconds until one more write under `key` fits in `per_hour`; 0 when it fits now.
int quota_wait_s(Database& db, const std::string& key, int per_hour);
// Counts one accepted write under `key` (and forgets this family's rows older than the window).
void record_write(Database& db, const std::string& key);
// "3 分钟" (at least 1): a wait as a resident is told it.
std::string minutes_words(int seconds);

}  // namespace elder::server
