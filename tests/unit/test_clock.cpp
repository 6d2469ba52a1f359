// The clock's test-only start time (--clock-start): ISO 8601 instants with their zone.
#include <catch2/catch.hpp>

#include "platform/clock.hpp"

using namespace elder;

TEST_CASE("an ISO 8601 instant with a zone offset is read as seconds since the epoch") {
    CHECK(parse_iso_instant("1970-01-01T00:00:00Z") == std::time_t{0});
    CHECK(parse_iso_instant("1970-01-01T08:00:00+08:00") == std::time_t{0});
    CHECK(parse_iso_instant("2026-11-25T23:59:50+08:00") == std::time_t{1795622390});
    CHECK(parse_iso_instant("2026-11-25T10:59:50-05:00") == std::time_t{1795622390});
}

TEST_CASE("text that is not an instant with a zone is refused") {
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50"));  // no zone: which midnight would it be?
    CHECK_FALSE(parse_iso_instant("2026-11-25"));
    CHECK_FALSE(parse_iso_instant("2026-13-25T23:59:50Z"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T24:00:00Z"));
    CHECK_FALSE(parse_iso_instant("2026-11-25T23:59:50+08:00 and more"));
    CHECK_FALSE(parse_iso_instant("tomorrow"));
}
