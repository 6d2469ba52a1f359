#include "date_text.hpp"

#include <cstdio>

namespace elder {

std::string format_date(const Catalogue& strings, const CivilTime& t) {
    const int weekday = (t.weekday % 7 + 7) % 7;
    const int month = t.month >= 1 && t.month <= 12 ? t.month : 1;
    return strings.format("date.format", {
        {"year", std::to_string(t.year)},
        {"month", std::to_string(month)},
        {"day", std::to_string(t.day)},
        {"month_name", strings.text("month." + std::to_string(month))},
        {"weekday", strings.text("weekday." + std::to_string(weekday))},
    });
}

std::string format_clock(const CivilTime& t) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour % 24, t.minute % 60);
    return buf;
}

}  // namespace elder
