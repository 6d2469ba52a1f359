#pragma once
#include <ctime>
#include <optional>
#include <string_view>

#include "core/date_text.hpp"

namespace elder {

CivilTime local_now();          // wall-clock time in the device's time zone
double ms_since_start();        // monotonic milliseconds since the process started
int ms_to_next_minute();        // until the wall clock's next minute (the home page's clock changes)

// "2026-11-25T23:59:50+08:00" (or "...Z") as seconds since the epoch; nothing for other text.
std::optional<std::time_t> parse_iso_instant(std::string_view iso);
// Tests only (--clock-start): from now on the wall clock reads `start` and runs on from there, so
// that a test can watch midnight pass without waiting for it.
void start_clock_at(std::time_t start);

}  // namespace elder
