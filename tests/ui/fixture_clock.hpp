#pragma once
// The day the fixtures were taken (tests/fixtures/taken.json, written by tests/fixtures/refresh.mjs
// with them), so that the UI tests' clock and the dates in the fixtures agree by construction: the
// clock is 09:30 China time on that day, and dates the tests name are counted from it.
#include <ctime>
#include <stdexcept>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "core/date_text.hpp"

namespace elder::test {

// "2026-11-25" as a calendar day (UTC arithmetic: only the date part is used).
inline std::tm parse_day(const std::string& date) {
    std::tm t{};
    const char* end = strptime(date.c_str(), "%Y-%m-%d", &t);
    if (!end || *end) throw std::runtime_error("not a date: '" + date + "'");
    const std::time_t at = timegm(&t);
    std::tm out{};
    gmtime_r(&at, &out);
    return out;
}

// The fixtures' day plus `days_later`, as a calendar day.
inline std::tm fixture_day_tm(int days_later) {
    const std::string path = std::string(ELDER_SOURCE_DIR) + "/tests/fixtures/taken.json";
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::tm day = parse_day(nlohmann::json::parse(in).at("date").get<std::string>());
    const std::time_t at = timegm(&day) + static_cast<std::time_t>(days_later) * 86400;
    std::tm out{};
    gmtime_r(&at, &out);
    return out;
}

// "2026-11-24": the fixtures' day plus `days_later`.
inline std::string fixture_day(int days_later = 0) {
    const std::tm t = fixture_day_tm(days_later);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &t);
    return text;
}

// "2026-11-23T09:28:00+08:00": a time of the fixtures' day (plus `days_later`), China time.
inline std::string fixture_time(const std::string& hh_mm, int days_later = 0) {
    return fixture_day(days_later) + "T" + hh_mm + ":00+08:00";
}

// The tests' clock: 09:30 on the fixtures' day.
inline CivilTime fixture_clock() {
    const std::tm t = fixture_day_tm(0);
    return CivilTime{t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_wday, 9, 30};
}

// 一..日 of a date "2026-11-25" (its weekday in Chinese), counted here rather than by the app.
inline std::string chinese_weekday(const std::string& date) {
    static const char* const kNames[] = {"日", "一", "二", "三", "四", "五", "六"};
    return kNames[parse_day(date).tm_wday];
}

}  // namespace elder::test
