#include "appointments.hpp"

#include "id_numbers.hpp"
#include "slot_json.hpp"

namespace elder::server {

const std::string kAppointmentSelect =
    std::string("SELECT a.id, a.code, a.status, a.name, a.created, a.cancelled_at, sc.service, sc.place, sc.materials, ") +
    "s.id, s.schedule_id, s.start, s.end, s.capacity, s.booked, a.id_number_last4, a.cancel_reason, a.phone, a.owner "
    "FROM appointments a JOIN slots s ON s.id = a.slot_id JOIN schedules sc ON sc.id = s.schedule_id";

nlohmann::json appointment_json(const Statement& s) {
    using nlohmann::json;
    return {{"id", s.integer(0)},         {"code", s.text(1)},  {"status", s.text(2)}, {"name", s.text(3)},
            {"created", s.text(4)},       {"cancelled_at", s.is_null(5) ? json(nullptr) : json(s.text(5))},
            {"service", s.text(6)},       {"place", s.text(7)}, {"materials", json::parse(s.text(8))},
            {"slot", slot_json(s, 9)},
            {"id_number", s.is_null(15) ? json(nullptr) : json(IdNumbers::masked(s.text(15)))},
            // Set when the community cancelled it (a closed slot), for the resident to read.
            {"cancel_reason", s.is_null(16) ? json(nullptr) : json(s.text(16))}};
}

}  // namespace elder::server
