#pragma once
// One slot as JSON (shared by the slot lists, bookings and 409 alternatives).
#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

// Select these columns (in this order, from `slots`) to feed slot_json.
constexpr const char* kSlotColumns = "id, schedule_id, start, \"end\", capacity, booked";

inline nlohmann::json slot_json(const Statement& s, int first = 0) {
    const std::int64_t capacity = s.integer(first + 4), booked = s.integer(first + 5);
    return {{"id", s.integer(first)},          {"schedule_id", s.integer(first + 1)},
            {"start", s.text(first + 2)},      {"end", s.text(first + 3)},
            {"status", booked >= capacity ? "busy" : "free"},
            {"capacity", capacity},            {"seats_left", capacity - booked}};
}

}  // namespace elder::server
