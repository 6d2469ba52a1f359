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

std::optional<std::time_t> parse_iso_instant(std::string_view iso) {
    const auto digits = [&](size_t at, size_t n, int& out) {
        if (at + n > iso.size()) return false;
        out = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (iso[i] < '0' || iso[i] > '9') return false;
            out = out * 10 + (iso[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, sec;
    if (!digits(0, 4, y) || iso.size() < 19 || iso[4] != '-' || !digits(5, 2, mo) || iso[7] != '-' || !digits(8, 2, d) ||
        iso[10] != 'T' || !digits(11, 2, h) || iso[13] != ':' || !digits(14, 2, mi) || iso[16] != ':' || !digits(17, 2, sec))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    size_t at = 19;
    if (at < iso.size() && iso[at] == '.') {  // fractions of a second: read past them
        ++at;
        const size_t first = at;
        while (at < iso.size() && iso[at] >= '0' && iso[at] <= '9') ++at;
        if (at == first) return std::nullopt;
    }
    long offset_s = 0;
    int zh = 0, zm = 0;
    const std::string_view zone = iso.substr(at);
    if (zone == "Z") offset_s = 0;
    else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(at + 1, 2, zh) && zone[3] == ':' &&
             digits(at + 4, 2, zm) && zh <= 14 && zm <= 59)
        offset_s = (zone[0] == '+' ? 1 : -1) * (zh * 3600L + zm * 60L);
    else
        return std::nullopt;
    return static_cast<std::time_t>(days_from_civil(y, mo, d) * 86400L + h * 3600L + mi * 60L + sec - offset_s);
}

CivilTime civil_at(std::time_t epoch, int utc_offset_minutes) {
    const long long local = static_cast<long long>(epoch) + utc_offset_minutes * 60LL;
    const long long day = local >= 0 ? local / 86400 : (local - 86399) / 86400;  // floor
    const long long second = local - day * 86400;
    CivilTime t = civil_from_days(static_cast<long>(day));
    t.hour = static_cast<int>(second / 3600);
    t.minute = static_cast<int>(second % 3600 / 60);
    return t;
}

std::optional<CivilTime> parse_iso_time(std::string_view iso, int utc_offset_minutes) {
    if (const auto instant = parse_iso_instant(iso)) return civil_at(*instant, utc_offset_minutes);
    // No zone ("2026-11-25T09:30:00"): already a wall-clock time, read as it stands.
    CivilTime t;
    char sep = 0;
    int second = 0, used = 0;
    const std::string text(iso.substr(0, 19));
    if (iso.size() < 16 || iso.size() > 19 ||
        std::sscanf(text.c_str(), "%4d-%2d-%2d%c%2d:%2d%n:%2d%n", &t.year, &t.month, &t.day, &sep, &t.hour, &t.minute,
                    &used, &second, &used) < 6 || used != static_cast<int>(text.size()))
        return std::nullopt;
    if (sep != 'T' || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 || t.hour > 23 || t.minute > 59)
        return std::nullopt;
    const long days = days_from_civil(t.year, t.month, t.day);
    t.weekday = static_cast<int>(((days % 7) + 11) % 7);  // 1970-01-01 was a Thursday (4)
    return t;
}

namespace {

// 凌晨 0-4, 早上 5-7, 上午 8-11, 中午 12, 下午 13-17, 晚上 18-23: the parts of the day people name.
const char* period_key(int hour) {
    if (hour < 5) return "time.period.small_hours";
    if (hour < 8) return "time.period.early";
    if (hour < 12) return "time.period.morning";
    if (hour < 13) return "time.period.noon";
    if (hour < 18) return "time.period.afternoon";
    return "time.period.evening";
}

std::string clock_text(const Catalogue& strings, const CivilTime& t, bool with_period) {
    const int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
    char minute[4];
    std::snprintf(minute, sizeof minute, "%02d", t.minute % 60);
    const char* base = t.minute == 0 ? "time.clock_hour" : t.minute == 30 ? "time.clock_half" : "time.clock";  // 10点, 10点半
    const std::string key = std::string(base) + (with_period ? "" : "_bare");
    return strings.format(key, {{"period", strings.text(period_key(t.hour))},
                                {"hour", std::to_string(hour12)},
                                {"minute", minute}});
}

long day_number(const CivilTime& t) { return days_from_civil(t.year, t.month, t.day); }

// "11月25日 星期三", or "2027年1月4日 星期一".
std::string date_words(const Catalogue& strings, const CivilTime& t, bool with_year) {
    return strings.format(with_year ? "time.day_year" : "time.day", {
        {"year", std::to_string(t.year)},
        {"month", std::to_string(t.month)},
        {"day", std::to_string(t.day)},
        {"weekday", strings.text("weekday." + std::to_string((t.weekday % 7 + 7) % 7))},
    });
}

// 今天 / 昨天 / 明天, else the date (with its year when it is not this year's).
std::string day_words(const Catalogue& strings, const CivilTime& t, const CivilTime& now) {
    const long diff = day_number(t) - day_number(now);
    if (diff == 0) return strings.text("time.today");
    if (diff == -1) return strings.text("time.yesterday");
    if (diff == 1) return strings.text("time.tomorrow");
    return date_words(strings, t, t.year != now.year);
}

}  // namespace

std::string clock_words(const Catalogue& strings, const CivilTime& t) { return clock_text(strings, t, true); }

std::string format_spoken_time(const Catalogue& strings, std::string_view iso, int utc_offset_minutes) {
    const auto t = parse_iso_time(iso, utc_offset_minutes);
    if (!t) return std::string(iso);
    return format_day(strings, iso_date(*t)) + " " + clock_words(strings, *t);
}

std::string format_moment(const Catalogue& strings, std::string_view iso, const CivilTime& now, int utc_offset_minutes) {
    const auto t = parse_iso_time(iso, utc_offset_minutes);
    if (!t) return std::string(iso);
    std::string text = day_words(strings, *t, now) + " " + clock_words(strings, *t);
    const long minutes = minutes_between(*t, now);  // > 0: in the past
    if (minutes == 0) text += strings.text("time.just_now");
    else if (minutes > 0 && minutes < 60) text += strings.format("time.minutes_ago", {{"n", std::to_string(minutes)}});
    else if (minutes < 0 && minutes > -60) text += strings.format("time.minutes_ahead", {{"n", std::to_string(-minutes)}});
    return text;
}

std::string format_time_range(const Catalogue& strings, std::string_view start_iso, std::string_view end_iso,
                              const CivilTime& now, int utc_offset_minutes) {
    const auto start = parse_iso_time(start_iso, utc_offset_minutes);
    const auto end = parse_iso_time(end_iso, utc_offset_minutes);
    if (!start || !end) return std::string(start_iso) + " - " + std::string(end_iso);
    // A booking's day is named in full ("11月27日 星期五"); 今天 or 明天 goes in front of it.
    const long diff = day_number(*start) - day_number(now);
    std::string day = date_words(strings, *start, start->year != now.year);
    if (diff == 0 || diff == 1) day = strings.text(diff == 0 ? "time.today" : "time.tomorrow") + " " + day;
    const bool same_period = std::string(period_key(start->hour)) == period_key(end->hour);
    return strings.format(same_period ? "time.range_same_period" : "time.range", {
        {"day", day},
        {"start", clock_text(strings, *start, true)},
        {"end", clock_text(strings, *end, true)},
        {"end_bare", clock_text(strings, *end, false)},
    });
}

}  // namespace elder
