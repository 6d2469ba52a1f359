#pragma once
#include <ctime>
#include <optional>
#include <string_view>

#include "core/date_text.hpp"

namespace elder {

// The wall clock in the community's time zone (minutes east of UTC, from the site), whatever zone
// the device is set to: the header's clock and the server's times agree.
CivilTime community_now(int utc_offset_minutes);
double ms_since_start();        // monotonic milliseconds since the process started
int ms_to_next_minute();        // until the wall clock's next minute (the home page's clock changes)

// Tests only (--clock-start): from now on the wall clock reads `start` and runs on from there, so
// that a test can watch midnight pass without waiting for it.
void start_clock_at(std::time_t start);

}  // namespace elder
