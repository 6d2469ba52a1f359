#include "china_time.hpp"

#include <atomic>
#include <cstdio>
#include <ctime>

namespace elder::server {
namespace {

constexpr long kOffsetSeconds = kUtcOffsetMinutes * 60L;
std::atomic<std::int64_t> g_test_offset_s{0};

std::string format(std::time_t utc, const char* pattern) {
    const std::time_t local = utc + kOffsetSeconds;
    std::tm tm{};
    gmtime_r(&local, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, pattern, &tm);
    return buf;
}

bool parse_date(const std::string& text, std::tm& tm) {
    int y, m, d;
    char extra;
    if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3) return false;
    tm = std::tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = 12;
    const std::time_t t = timegm(&tm);
    std::tm check{};
    gmtime_r(&t, &check);
    return check.tm_year == y - 1900 && check.tm_mon == m - 1 && check.tm_mday == d && (tm = check, true);
}

}  // namespace

std::string iso_from_epoch(long long epoch_s) {
    return format(static_cast<std::time_t>(epoch_s), "%Y-%m-%dT%H:%M:%S+08:00");
}

std::int64_t now_s() { return static_cast<std::int64_t>(std::time(nullptr)) + g_test_offset_s.load(std::memory_order_relaxed); }
void set_clock_offset_s(std::int64_t offset_s) { g_test_offset_s.store(offset_s, std::memory_order_relaxed); }
std::int64_t clock_offset_s() { return g_test_offset_s.load(std::memory_order_relaxed); }

std::string now_iso() { return iso_from_epoch(now_s()); }

std::string date_in_days(int days) { return format(static_cast<std::time_t>(now_s() + days * 86400LL), "%Y-%m-%d"); }

std::string time_of_day_now() { return format(static_cast<std::time_t>(now_s()), "%H:%M"); }

int weekday_of(const std::string& date) {
    std::tm tm{};
    return parse_date(date, tm) ? tm.tm_wday : -1;
}

std::string at_time(const std::string& date, const std::string& hh_mm) { return date + "T" + hh_mm + ":00+08:00"; }

bool is_date(const std::string& text) {
    std::tm tm{};
    return parse_date(text, tm);
}

std::string date_after(const std::string& date, int days) {
    std::tm tm{};
    if (!parse_date(date, tm)) return {};
    const std::time_t later = timegm(&tm) + days * 86400LL;  // noon: never crosses a day boundary wrongly
    std::tm out{};
    gmtime_r(&later, &out);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &out);
    return buf;
}

long long days_between(const std::string& from, const std::string& to) {
    std::tm a{}, b{};
    if (!parse_date(from, a) || !parse_date(to, b)) return 0;
    return (timegm(&b) - timegm(&a)) / 86400;
}

}  // namespace elder::server
