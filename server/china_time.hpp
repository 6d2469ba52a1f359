#pragma once
// Dates and times as the community lives them: China Standard Time (UTC+8, no daylight saving).
// Stored and sent as ISO 8601 with the offset ("2026-11-25T09:30:00+08:00").
#include <cstdint>
#include <string>

namespace elder::server {

// The server's clock: the system's, moved by an offset only a server started with --dev-clock
// lets a test set (POST /api/v1/dev/clock), so that a deadline hours away is tested without a wait.
// Everything the server stamps or compares reads this one clock.
std::int64_t now_s();
void set_clock_offset_s(std::int64_t offset_s);
std::int64_t clock_offset_s();

constexpr int kUtcOffsetMinutes = 8 * 60;  // told to clients in /site, so their clocks agree

std::string now_iso();                          // the server clock's time
std::string iso_from_epoch(long long epoch_s);  // any moment, in China time
std::string date_in_days(int days_from_today);  // "2026-11-25"
std::string time_of_day_now();                  // "09:30"
int weekday_of(const std::string& date);        // 0 = Sunday .. 6 = Saturday; -1 if not a date
std::string at_time(const std::string& date, const std::string& hh_mm);  // date + "T09:30:00+08:00"
bool is_date(const std::string& text);          // YYYY-MM-DD that exists in the calendar
std::string date_after(const std::string& date, int days);       // "2026-11-25", 6 -> "2026-12-01"; "" if not a date
long long days_between(const std::string& from, const std::string& to);  // calendar days; 0 if either is not a date

}  // namespace elder::server
