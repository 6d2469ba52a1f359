#include <catch2/catch.hpp>

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

TEST_CASE("a ticket's time reads as people say it: 上午10点 not 10:00-11:00") {
    Catalogue c;
    std::string error;
    REQUIRE(c.load(R"({"time.day": "{month}月{day}日 {weekday}", "weekday.5": "星期五", "clock.hour": "{h}点",
                       "clock.half": "{h}点半", "clock.minutes": "{h}点{m}分", "clock.morning": "上午{time}",
                       "clock.noon": "中午{time}", "clock.afternoon": "下午{time}", "clock.evening": "晚上{time}"})", error));
    CHECK(format_spoken_time(c, "2026-11-27T10:00:00+08:00") == "11月27日 星期五 上午10点");
    CHECK(format_spoken_time(c, "2026-11-27T14:30:00+08:00") == "11月27日 星期五 下午2点半");
    CHECK(format_spoken_time(c, "2026-11-27T12:05:00+08:00") == "11月27日 星期五 中午12点05分");
    CHECK(format_spoken_time(c, "2026-11-27T19:00:00+08:00") == "11月27日 星期五 晚上7点");
    CHECK(format_spoken_time(c, "later") == "later");
}
