#pragma once
// ID numbers (身份证号) are never stored or shown whole: the database keeps an HMAC-SHA-256 under a
// server secret (so staff can still check that a card presented at the counter is the one booked
// with) and the last four characters; answers show "**************123X".
#include <string>

#include "database.hpp"

namespace elder::server {

class IdNumbers {
public:
    // `configured_key`: the config's id_number_key; when empty the key kept in the settings table,
    // generated there on the first start.
    IdNumbers(Database& db, const std::string& configured_key);

    std::string hmac(const std::string& id_number) const;
    static std::string last4(const std::string& id_number);
    static std::string masked(const std::string& last4);  // 14 '*' and the last four

    // Rows written before ID numbers were protected still hold them in plain text: hash them,
    // keep the last four and erase the number. Returns how many rows changed (0 once done).
    int protect_plain_rows(Database& db) const;

private:
    std::string key_;
};

}  // namespace elder::server
