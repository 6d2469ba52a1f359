#include "enrolment.hpp"

#include <algorithm>
#include <cctype>

#include "china_time.hpp"
#include "crypto.hpp"

namespace elder::server {
namespace {


// Installers type the code into a settings file: case and spaces should not matter.
std::string code_hash(std::string code) {
    code.erase(std::remove_if(code.begin(), code.end(), [](unsigned char c) { return std::isspace(c); }), code.end());
    for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return sha256_hex("enrolment:" + code);
}

}  // namespace

EnrolmentCode issue_enrolment_code(Database& db, int valid_s) {
    EnrolmentCode out{random_code(12), now_s() + valid_s};  // 58 bits
    db.prepare("DELETE FROM enrolment_codes WHERE expires_at < ? AND used_by_device IS NULL").bind(1, now_s()).run();
    db.prepare("INSERT INTO enrolment_codes (hash, expires_at, created) VALUES (?, ?, ?)")
        .bind(1, code_hash(out.code)).bind(2, out.expires_at).bind(3, now_iso()).run();
    return out;
}

bool enrolment_code_live(Database& db, const std::string& code) {
    return db.prepare("SELECT 1 FROM enrolment_codes WHERE hash = ? AND expires_at > ? AND used_by_device IS NULL")
        .bind(1, code_hash(code)).bind(2, now_s()).step();
}

void spend_enrolment_code(Database& db, const std::string& code, std::int64_t device_id) {
    db.prepare("UPDATE enrolment_codes SET used_by_device = ? WHERE hash = ?").bind(1, device_id).bind(2, code_hash(code)).run();
}

}  // namespace elder::server
