#pragma once
// Dates and times as residents read them, worded by the catalogue ("2026年11月23日 星期一").
#include <string>

#include "i18n.hpp"

namespace elder {

struct CivilTime {
    int year = 1970, month = 1, day = 1;  // month 1..12, day 1..31
    int weekday = 4;                      // 0 = Sunday .. 6 = Saturday
    int hour = 0, minute = 0;
};

std::string format_date(const Catalogue& strings, const CivilTime& t);
std::string format_clock(const CivilTime& t);  // "09:05", the same in every language

}  // namespace elder
