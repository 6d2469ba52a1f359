#pragma once
#include "core/date_text.hpp"

namespace elder {

CivilTime local_now();          // wall-clock time in the device's time zone
double ms_since_start();        // monotonic milliseconds since the process started

}  // namespace elder
