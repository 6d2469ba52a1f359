#pragma once
#include "database.hpp"

namespace elder::server {

// Brings the schema up to the newest version, one numbered step at a time (PRAGMA user_version).
// Returns the version the database is at afterwards.
int migrate(Database& db);

}  // namespace elder::server
