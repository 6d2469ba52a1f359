#pragma once
// A device (set-top box or kiosk) as the API shows it.
#include <cstdint>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

// `with_phone` adds the household's phone: only the box itself is told it (it books with it, since
// a TV remote cannot type one), not whoever registers a serial.
nlohmann::json device_json(Database& db, std::int64_t id, bool with_phone = false);

}  // namespace elder::server
