#include "clock.hpp"

#include <chrono>
#include <ctime>

namespace elder {
namespace {
const auto kStart = std::chrono::steady_clock::now();
}

CivilTime local_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_wday, tm.tm_hour, tm.tm_min};
}

double ms_since_start() {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - kStart).count();
}

}  // namespace elder
