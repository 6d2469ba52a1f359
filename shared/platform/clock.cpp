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

CivilTime community_now() {
    const std::time_t now = wall_now() + kCommunityUtcOffsetMinutes * 60;
    std::tm tm{};
    gmtime_r(&now, &tm);  // UTC shifted by the community's offset: the device's own zone plays no part
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour, tm.tm_min};
}

double ms_since_start() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart).count();
}

int ms_to_next_minute() {
    return (60 - static_cast<int>(wall_now() % 60)) * 1000;  // zones differ by whole minutes
}

std::optional<std::time_t> parse_iso_instant(std::string_view iso) {
    const std::string text(iso);
    std::tm tm{};
    char zone[8] = {};
    int consumed = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%7s%n", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                    &tm.tm_min, &tm.tm_sec, zone, &consumed) != 7 || consumed != static_cast<int>(text.size()))
        return std::nullopt;
    if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 ||
        tm.tm_sec > 59)
        return std::nullopt;
    long offset = 0;  // seconds east of UTC
    const std::string z = zone;
    int zh = 0, zm = 0;
    if (z == "Z") offset = 0;
    else if (z.size() == 6 && (z[0] == '+' || z[0] == '-') && std::sscanf(z.c_str() + 1, "%2d:%2d", &zh, &zm) == 2 &&
             zh <= 14 && zm <= 59)
        offset = (z[0] == '+' ? 1 : -1) * (zh * 3600L + zm * 60L);
    else
        return std::nullopt;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return timegm(&tm) - offset;
}

void start_clock_at(std::time_t start) { offset_s = start - std::time(nullptr); }

}  // namespace elder
