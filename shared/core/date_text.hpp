#pragma once
// Dates and times as residents read them, worded by the catalogue ("2026年11月23日 星期一").
#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "i18n.hpp"

namespace elder {

// The community's offset from UTC until the site says otherwise: China Standard Time (UTC+8, no
// daylight saving), the zone the reference server writes all its times in.
constexpr int kChinaUtcOffsetMinutes = 8 * 60;

struct CivilTime {
    int year = 1970, month = 1, day = 1;  // month 1..12, day 1..31
    int weekday = 4;                      // 0 = Sunday .. 6 = Saturday
    int hour = 0, minute = 0;
};

std::string format_date(const Catalogue& strings, const CivilTime& t);
std::string format_clock(const CivilTime& t);  // "09:05", the same in every language

// "2026-11-25T23:59:50+08:00" (or "...Z", "...-05:00", with or without fractions of a second) as
// seconds since the epoch; nothing for other text (a time without a zone names no single moment).
std::optional<std::time_t> parse_iso_instant(std::string_view iso);

// The wall clock at `epoch` in a zone `utc_offset_minutes` east of UTC, with its weekday.
CivilTime civil_at(std::time_t epoch, int utc_offset_minutes);

// An ISO 8601 time as the community's wall clock shows it (converted from whatever offset it was
// written with), with its weekday; a time without an offset is taken as already on that clock;
// nothing for text that is not such a time.
std::optional<CivilTime> parse_iso_time(std::string_view iso, int utc_offset_minutes = kChinaUtcOffsetMinutes);

// The time of day in the words people say: "上午10点", "晚上9:32", "凌晨0:05" ("10 am", "9:32 pm").
std::string clock_words(const Catalogue& strings, const CivilTime& t);

// A moment relative to `now` (both on the community's clock): "今天 晚上9:32（3分钟前）",
// "昨天 下午3:05", "明天 上午10点", "11月20日 星期五 上午9:30" (with the year when it is not this
// year's); the raw text if it cannot be read.
std::string format_moment(const Catalogue& strings, std::string_view iso, const CivilTime& now,
                          int utc_offset_minutes = kChinaUtcOffsetMinutes);

// "11月25日 星期三 上午9:30到11点" (今天 / 明天 for those days); the raw texts if either time
// cannot be read.
std::string format_time_range(const Catalogue& strings, std::string_view start_iso, std::string_view end_iso,
                              const CivilTime& now, int utc_offset_minutes = kChinaUtcOffsetMinutes);

// "2026-11-23": the date of `t`, as the API writes dates.
std::string iso_date(const CivilTime& t);
// `days` days after `date` ("2026-11-23"), as a CivilTime at midnight with its weekday; nothing for
// text that is not a date.
std::optional<CivilTime> date_after(std::string_view date, int days);

// Minutes from `earlier` to `later` (both wall-clock China time); negative if `later` is earlier.
long minutes_between(const CivilTime& earlier, const CivilTime& later);

// "11月27日 星期五 上午10点": a time as people say it (the largest line of a ticket); the raw
// text if it cannot be read.
std::string format_spoken_time(const Catalogue& strings, std::string_view iso,
                               int utc_offset_minutes = kChinaUtcOffsetMinutes);
// "11月25日 星期三"; the raw text if it cannot be read.
std::string format_day(const Catalogue& strings, std::string_view iso_date_or_time);

}  // namespace elder
