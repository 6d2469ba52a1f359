#include "database.hpp"

namespace elder::server {

std::int64_t Statement::returning_id() {
    if (!step()) throw DatabaseError("INSERT ... RETURNING gave no row");
    const std::int64_t id = integer(0);
    run();
    return id;
}

bool is_postgresql_url(const std::string& where) {
    return where.rfind("postgresql://", 0) == 0 || where.rfind("postgres://", 0) == 0;
}

std::string redacted_location(const std::string& where) {
    if (!is_postgresql_url(where)) return where;
    const auto scheme_end = where.find("://") + 3;
    const auto at = where.find('@', scheme_end);
    if (at == std::string::npos) return where;
    const auto colon = where.find(':', scheme_end);
    if (colon == std::string::npos || colon > at) return where;  // a user name alone
    return where.substr(0, colon + 1) + "***" + where.substr(at);
}

std::unique_ptr<Database> open_database(const std::string& where) {
    return is_postgresql_url(where) ? open_postgresql(where) : open_sqlite(where);
}

Transaction::~Transaction() {
    if (done_) return;
    try {
        db_.rollback();
    } catch (const DatabaseError&) {
    }
}

}  // namespace elder::server
