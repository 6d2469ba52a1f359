#include "change_seq.hpp"

namespace elder::server {

std::int64_t next_change_seq(Database& db) {
    db.exec("UPDATE change_counter SET seq = seq + 1 WHERE id = 1");
    return current_change_seq(db);
}

std::int64_t current_change_seq(Database& db) {
    Statement s = db.prepare("SELECT seq FROM change_counter WHERE id = 1");
    s.step();
    return s.integer(0);
}

}  // namespace elder::server
