#include "date_text.hpp"

#include <cstdio>

namespace elder {

std::string format_date(const Catalogue& strings, const CivilTime& t) {
    const int weekday = (t.weekday % 7 + 7) % 7;
    const int month = t.month >= 1 && t.month <= 12 ? t.month : 1;
    return strings.format("date.format", {
        {"year", std::to_string(t.year)},
        {"month", std::to_string(month)},
        {"day", std::to_string(t.day)},
        {"month_name", strings.text("month." + std::to_string(month))},
        {"weekday", strings.text("weekday." + std::to_string(weekday))},
    });
}

std::string format_clock(const CivilTime& t) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour % 24, t.minute % 60);
    return buf;
}

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's civil-days algorithm).
long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

// The inverse of days_from_civil.
CivilTime civil_from_days(long z) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    CivilTime t;
    t.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    t.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    t.year = static_cast<int>(yoe + era * 400 + (t.month <= 2));
    t.weekday = static_cast<int>(((z - 719468) % 7 + 11) % 7);
    return t;
}

}  // namespace

std::string iso_date(const CivilTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
    return buf;
}

std::optional<CivilTime> date_after(std::string_view date, int days) {
    int y = 0, m = 0, d = 0;
    if (date.size() < 10 || std::sscanf(std::string(date.substr(0, 10)).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return std::nullopt;
    return civil_from_days(days_from_civil(y, m, d) + days);
}

long minutes_between(const CivilTime& earlier, const CivilTime& later) {
    const auto minutes = [](const CivilTime& t) {
        return days_from_civil(t.year, t.month, t.day) * 24 * 60 + t.hour * 60L + t.minute;
    };
    return minutes(later) - minutes(earlier);
}

std::string format_day(const Catalogue& strings, std::string_view iso) {
    const auto t = date_after(iso, 0);
    if (!t) return std::string(iso);
    return strings.format("time.day", {
        {"month", std::to_string(t->month)},
        {"day", std::to_string(t->day)},
        {"weekday", strings.text("weekday." + std::to_string(t->weekday))},
    });
}

namespace {

// "10点", "10点半", "10点05分" with the part of the day before it: 上午 (till noon), 中午 (12 o'clock),
// 下午 (till 18), 晚上; the hour on a 12-hour clock, as older people say times.
std::string spoken_clock(const Catalogue& strings, const CivilTime& t) {
    const int h = t.hour % 12 == 0 ? 12 : t.hour % 12;
    char minutes[4];
    std::snprintf(minutes, sizeof minutes, "%02d", t.minute % 60);
    const std::string clock = strings.format(t.minute == 0 ? "clock.hour" : t.minute == 30 ? "clock.half" : "clock.minutes",
                                             {{"h", std::to_string(h)}, {"m", minutes}});
    const char* part = t.hour < 12 ? "clock.morning" : t.hour < 13 ? "clock.noon" : t.hour < 18 ? "clock.afternoon" : "clock.evening";
    return strings.format(part, {{"time", clock}});
}

}  // namespace

std::string format_spoken_time(const Catalogue& strings, std::string_view iso) {
    const auto t = parse_iso_time(iso);
    if (!t) return std::string(iso);
    return format_day(strings, iso) + " " + spoken_clock(strings, *t);
}

std::optional<CivilTime> parse_iso_time(std::string_view iso) {
    CivilTime t;
    char sep = 0;
    int second = 0;
    if (iso.size() < 16 || std::sscanf(std::string(iso.substr(0, 19)).c_str(), "%4d-%2d-%2d%c%2d:%2d:%2d", &t.year, &t.month,
                                       &t.day, &sep, &t.hour, &t.minute, &second) < 6)
        return std::nullopt;
    if (sep != 'T' || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59)
        return std::nullopt;
    const long days = days_from_civil(t.year, t.month, t.day);
    t.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    return t;
}

std::string format_date_time(const Catalogue& strings, std::string_view iso) {
    const auto t = parse_iso_time(iso);
    if (!t) return std::string(iso);
    return strings.format("time.date_time", {
        {"month", std::to_string(t->month)},
        {"day", std::to_string(t->day)},
        {"weekday", strings.text("weekday." + std::to_string(t->weekday))},
        {"time", format_clock(*t)},
    });
}

std::string format_time_range(const Catalogue& strings, std::string_view start_iso, std::string_view end_iso) {
    const auto start = parse_iso_time(start_iso);
    const auto end = parse_iso_time(end_iso);
    if (!start || !end) return std::string(start_iso) + " - " + std::string(end_iso);
    return strings.format("time.range", {
        {"month", std::to_string(start->month)},
        {"day", std::to_string(start->day)},
        {"weekday", strings.text("weekday." + std::to_string(start->weekday))},
        {"start", format_clock(*start)},
        {"end", format_clock(*end)},
    });
}

}  // namespace elder
