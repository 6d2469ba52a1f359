#pragma once
// Dates and times as residents read them, worded by the catalogue ("2026年11月23日 星期一").
#include <optional>
#include <string>
#include <string_view>

#include "i18n.hpp"

namespace elder {

struct CivilTime {
    int year = 1970, month = 1, day = 1;  // month 1..12, day 1..31
    int weekday = 4;                      // 0 = Sunday .. 6 = Saturday
    int hour = 0, minute = 0;
};

std::string format_date(const Catalogue& strings, const CivilTime& t);
std::string format_clock(const CivilTime& t);  // "09:05", the same in every language

// "2026-11-25T09:30:00+08:00" as the wall-clock time it names (the server speaks China time), with
// its weekday; nothing for text that is not such a time.
std::optional<CivilTime> parse_iso_time(std::string_view iso);

// "11月25日 星期三 08:12"; the raw text if it cannot be read.
std::string format_date_time(const Catalogue& strings, std::string_view iso);

// "11月25日 星期三 09:30-11:00"; the raw texts if either time cannot be read.
std::string format_time_range(const Catalogue& strings, std::string_view start_iso, std::string_view end_iso);

// "2026-11-23": the date of `t`, as the API writes dates.
std::string iso_date(const CivilTime& t);
// `days` days after `date` ("2026-11-23"), as a CivilTime at midnight with its weekday; nothing for
// text that is not a date.
std::optional<CivilTime> date_after(std::string_view date, int days);

// Minutes from `earlier` to `later` (both wall-clock China time); negative if `later` is earlier.
long minutes_between(const CivilTime& earlier, const CivilTime& later);

// "11月27日 星期五 上午10点": a time as people say it (the largest line of a ticket); the raw
// text if it cannot be read.
std::string format_spoken_time(const Catalogue& strings, std::string_view iso);
// "11月25日 星期三"; the raw text if it cannot be read.
std::string format_day(const Catalogue& strings, std::string_view iso_date_or_time);

}  // namespace elder
