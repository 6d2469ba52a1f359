#pragma once
// One counter for every change to published content. Lists use it for ETags and `since`.
#include "database.hpp"

namespace elder::server {

std::int64_t next_change_seq(Database& db);     // call inside the transaction that makes the change
std::int64_t current_change_seq(Database& db);

}  // namespace elder::server
