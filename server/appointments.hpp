#pragma once
// An appointment as the API shows it, for residents (api_appointments.cpp) and staff
// (api_staff_appointments.cpp).
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

// SELECT ... FROM appointments a JOIN slots s JOIN schedules sc: add WHERE / ORDER BY, then
// appointment_json() each row. Staff also read columns 17 (phone) and 18 (owner).
extern const std::string kAppointmentSelect;
nlohmann::json appointment_json(const Statement& s);

}  // namespace elder::server
