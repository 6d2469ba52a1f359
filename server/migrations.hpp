#pragma once
#include "database.hpp"

namespace elder::server {

// Brings the schema up to the newest version, one numbered step at a time (SQLite: PRAGMA
// user_version; PostgreSQL: the schema_version table), the same steps on both engines.
// Returns the version the database is at afterwards.
int migrate(Database& db);

}  // namespace elder::server
