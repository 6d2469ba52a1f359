#include "devices.hpp"

namespace elder::server {

nlohmann::json device_json(Database& db, std::int64_t id, bool with_phone) {
    using nlohmann::json;
    Statement s = db.prepare(
        "SELECT d.id, d.kind, d.serial, h.name, h.phone FROM devices d LEFT JOIN households h ON h.id = d.household_id "
        "WHERE d.id = ?");
    s.bind(1, id).step();
    json out = {{"id", s.integer(0)}, {"kind", s.text(1)}, {"serial", s.text(2)}, {"bound", !s.is_null(3)},
                {"household_name", s.is_null(3) ? json(nullptr) : json(s.text(3))}};
    if (with_phone) out["household_phone"] = s.is_null(4) ? json(nullptr) : json(s.text(4));
    return out;
}

}  // namespace elder::server
