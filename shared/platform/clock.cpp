#include "clock.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <string>

namespace elder {
namespace {
const auto kStart = std::chrono::steady_clock::now();
std::atomic<std::time_t> offset_s{0};  // set once by start_clock_at (tests), else 0

std::time_t wall_now() { return std::time(nullptr) + offset_s.load(); }
}  // namespace

// UTC shifted by the community's offset: the device's own zone plays no part.
CivilTime community_now(int utc_offset_minutes) { return civil_at(wall_now(), utc_offset_minutes); }

double ms_since_start() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart).count();
}

int ms_to_next_minute() {
    return (60 - static_cast<int>(wall_now() % 60)) * 1000;  // zones differ by whole minutes
}

void start_clock_at(std::time_t start) { offset_s = start - std::time(nullptr); }

}  // namespace elder
