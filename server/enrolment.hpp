#pragma once
// One-time enrolment codes: staff issue one (POST /api/v1/staff/enrolment-codes) for the installer
// of a set-top box or kiosk, and the box sends it with its registration. Without one (or the staff
// token) nobody can register a serial, so nobody can squat a real box's serial. A code is valid for
// hours, registers one device, and is stored hashed like every other secret.
#include <cstdint>
#include <string>

#include "database.hpp"

namespace elder::server {

struct EnrolmentCode {
    std::string code;  // 12 letters and digits without look-alikes: read out over the phone
    std::int64_t expires_at = 0;
};

EnrolmentCode issue_enrolment_code(Database& db, int valid_s);
// True when `code` was issued, has not expired and has not registered a device yet.
bool enrolment_code_live(Database& db, const std::string& code);
// Spends a live code on `device_id` (call in the registration's transaction).
void spend_enrolment_code(Database& db, const std::string& code, std::int64_t device_id);

}  // namespace elder::server
