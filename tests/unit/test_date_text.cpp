#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/date_text.hpp"

using namespace elder;

namespace {

Catalogue zh() {
    Catalogue c;
    std::string error;
    REQUIRE(c.load(R"({"date.format": "{year}年{month}月{day}日 {weekday}", "weekday.1": "星期一",
                       "weekday.0": "星期日", "month.11": "十一月"})", error));
    return c;
}

}  // namespace

TEST_CASE("dates are worded by the catalogue") {
    CHECK(format_date(zh(), {2026, 11, 23, 1, 9, 5}) == "2026年11月23日 星期一");
    CHECK(format_date(zh(), {2026, 11, 22, 0, 0, 0}) == "2026年11月22日 星期日");
}

TEST_CASE("the clock is zero-padded 24-hour time") {
    CHECK(format_clock({2026, 1, 1, 4, 9, 5}) == "09:05");
    CHECK(format_clock({2026, 1, 1, 4, 23, 59}) == "23:59");
}

TEST_CASE("out-of-range weekday and month do not crash") {
    const std::string text = format_date(zh(), {2026, 13, 1, -6, 0, 0});
    CHECK(text.find("星期一") != std::string::npos);  // -6 wraps to Monday
    CHECK(text.find("1月") != std::string::npos);
}

TEST_CASE("server times read as residents read them") {
    const auto t = elder::parse_iso_time("2026-11-25T09:30:00+08:00");
    REQUIRE(t);
    CHECK(t->year == 2026);
    CHECK(t->month == 11);
    CHECK(t->day == 25);
    CHECK(t->weekday == 3);  // a Wednesday
    CHECK(t->hour == 9);
    CHECK(t->minute == 30);
    CHECK(elder::parse_iso_time("2024-02-29T00:00:00Z")->weekday == 4);
    CHECK(elder::parse_iso_time("1970-01-01T00:00:00Z")->weekday == 4);
    for (const char* bad : {"", "2026-13-01T00:00:00Z", "2026-11-25 09:30", "yesterday", "2026-11-25T25:00:00Z"})
        CHECK_FALSE(elder::parse_iso_time(bad));
}

namespace {

// The real catalogues: the words are the product, so the tests read the ones residents see.
Catalogue catalogue(const char* language) {
    Catalogue c;
    std::string error;
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/assets/strings/" + language + ".json");
    std::stringstream text;
    text << in.rdbuf();
    REQUIRE(c.load(text.str(), error));
    return c;
}

const CivilTime kNow{2026, 11, 25, 3, 21, 35};  // Wednesday 25 November, 21:35 in the community

}  // namespace

TEST_CASE("a time from the server is shown on the community's clock whatever offset it was written with") {
    // 13:32 UTC is 21:32 in China: the same moment as the server's own +08:00 form.
    const auto utc = parse_iso_time("2026-11-25T13:32:00Z");
    REQUIRE(utc);
    CHECK(utc->hour == 21);
    CHECK(utc->minute == 32);
    const auto west = parse_iso_time("2026-11-25T16:10:00-05:00");  // 05:10 the next day in China
    REQUIRE(west);
    CHECK(west->day == 26);
    CHECK(west->weekday == 4);
    CHECK(west->hour == 5);
    CHECK(parse_iso_time("2026-11-25T13:32:00Z", 0)->hour == 13);  // a site on UTC
    CHECK(parse_iso_time("2026-11-25T09:30")->hour == 9);          // no zone: already wall-clock time
}

TEST_CASE("recent times are said the way people say them") {
    const Catalogue zh = catalogue("zh-CN");
    CHECK(format_moment(zh, "2026-11-25T21:32:00+08:00", kNow) == "今天 晚上9:32（3分钟前）");
    CHECK(format_moment(zh, "2026-11-25T13:32:00Z", kNow) == "今天 晚上9:32（3分钟前）");
    CHECK(format_moment(zh, "2026-11-25T21:35:10+08:00", kNow) == "今天 晚上9:35（刚刚）");
    CHECK(format_moment(zh, "2026-11-25T10:00:00+08:00", kNow) == "今天 上午10点");
    CHECK(format_moment(zh, "2026-11-24T15:05:00+08:00", kNow) == "昨天 下午3:05");
    CHECK(format_moment(zh, "2026-11-25T22:05:00+08:00", kNow) == "今天 晚上10:05（30分钟后）");
    CHECK(format_moment(zh, "2026-11-26T00:05:00+08:00", kNow) == "明天 凌晨12:05");
    CHECK(format_moment(zh, "2026-11-20T12:00:00+08:00", kNow) == "11月20日 星期五 中午12点");
    CHECK(format_moment(zh, "2025-12-31T07:15:00+08:00", kNow) == "2025年12月31日 星期三 早上7:15");
    CHECK(format_moment(zh, "not a time", kNow) == "not a time");
    const Catalogue en = catalogue("en");
    CHECK(format_moment(en, "2026-11-25T21:32:00+08:00", kNow) == "Today 9:32 pm (3 min ago)");
}

TEST_CASE("a booking's time names its day and the part of the day") {
    const Catalogue zh = catalogue("zh-CN");
    CHECK(format_time_range(zh, "2026-11-27T09:30:00+08:00", "2026-11-27T11:00:00+08:00", kNow) ==
          "11月27日 星期五 上午9点半到11点");
    CHECK(format_time_range(zh, "2026-11-26T11:00:00+08:00", "2026-11-26T14:00:00+08:00", kNow) ==
          "明天 11月26日 星期四 上午11点到下午2点");
    CHECK(format_time_range(zh, "2026-11-25T16:00:00+08:00", "2026-11-25T17:00:00+08:00", kNow) ==
          "今天 11月25日 星期三 下午4点到5点");
    const Catalogue en = catalogue("en");
    CHECK(format_time_range(en, "2026-11-27T09:30:00+08:00", "2026-11-27T11:00:00+08:00", kNow) ==
          "11/27 Friday 9:30 am to 11 am");
}

TEST_CASE("a ticket's time reads as people say it: 上午10点 not 10:00-11:00") {
    const Catalogue zh = catalogue("zh-CN");
    CHECK(format_spoken_time(zh, "2026-11-27T10:00:00+08:00") == "11月27日 星期五 上午10点");
    CHECK(format_spoken_time(zh, "2026-11-27T14:30:00+08:00") == "11月27日 星期五 下午2点半");
    CHECK(format_spoken_time(zh, "2026-11-27T12:05:00+08:00") == "11月27日 星期五 中午12:05");
    CHECK(format_spoken_time(zh, "2026-11-27T19:00:00+08:00") == "11月27日 星期五 晚上7点");
    CHECK(format_spoken_time(zh, "2026-11-27T11:00:00Z") == "11月27日 星期五 晚上7点");  // the same moment, in UTC
    CHECK(format_spoken_time(zh, "soon") == "soon");
}
