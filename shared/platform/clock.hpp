#pragma once
#include <ctime>
#include <optional>
#include <string_view>

#include "core/date_text.hpp"

namespace elder {

// The wall clock in the community's time zone (China Standard Time, UTC+8, no daylight saving),
// whatever zone the device is set to: the header's clock and the server's times (all +08:00) agree.
constexpr int kCommunityUtcOffsetMinutes = 8 * 60;
CivilTime community_now();
double ms_since_start();        // monotonic milliseconds since the process started
int ms_to_next_minute();        // until the wall clock's next minute (the home page's clock changes)

// "2026-11-25T23:59:50+08:00" (or "...Z") as seconds since the epoch; nothing for other text.
std::optional<std::time_t> parse_iso_instant(std::string_view iso);
// Tests only (--clock-start): from now on the wall clock reads `start` and runs on from there, so
// that a test can watch midnight pass without waiting for it.
void start_clock_at(std::time_t start);

}  // namespace elder
