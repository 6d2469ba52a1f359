// The clock: the community's wall time, and the test-only start time (--clock-start).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>

#include "platform/clock.hpp"

using namespace elder;

TEST_CASE("an ISO 8601 instant with a zone offset is read as seconds since the epoch") {
    CHECK(parse_iso_instant("1970-01-01T00:00:00Z") == std::time_t{0});
    CHECK(parse_iso_instant("1970-01-01T08:00:00+08:00") == std::time_t{0});
    CHECK(parse_iso_instant("2026-11-25T23:59:50+08:00") == std::time_t{1795622390});
    CHECK(parse_iso_instant("2026-11-25T10:59:50-05:00") == std::time_t{1795622390});
    CHECK(parse_iso_instant("2026-11-25T15:59:50.250Z") == std::time_t{1795622390});  // JavaScript's toISOString()
}

TEST_CASE("the clock follows the zone the site names") {
    start_clock_at(*parse_iso_instant("2026-11-25T23:59:50+08:00"));
    CHECK(community_now(0).hour == 15);          // UTC
    CHECK(community_now(9 * 60).day == 26);      // a site an hour further east is already tomorrow
    CHECK(community_now(9 * 60).hour == 0);
    CHECK(community_now(-5 * 60).hour == 10);
}

TEST_CASE("text that is not an instant with a zone is refused") {
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50"));  // no zone: which midnight would it be?
    CHECK_FALSE(parse_iso_instant("2026-11-25"));
    CHECK_FALSE(parse_iso_instant("2026-13-25T23:59:50Z"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T24:00:00Z"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50+08:00 and more"));
    CHECK_FALSE(parse_iso_instant("tomorrow"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50.Z"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50+0800"));
}

TEST_CASE("the clock reads the community's time whatever zone the device is set to") {
    for (const char* zone : {"UTC", "America/New_York", "Asia/Shanghai"}) {
        INFO(zone);
        setenv("TZ", zone, 1);
        tzset();
        start_clock_at(*parse_iso_instant("2026-11-25T23:59:50+08:00"));  // 15:59:50 UTC
        const CivilTime t = community_now(8 * 60);
        CHECK(t.year == 2026);
        CHECK(t.month == 11);
        CHECK(t.day == 25);
        CHECK(t.weekday == 3);  // Wednesday
        CHECK(t.hour == 23);
        CHECK(t.minute == 59);
        CHECK(ms_to_next_minute() <= 10000);
    }
}
