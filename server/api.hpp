#pragma once
// The REST API (shared/api/openapi.yaml), one file per resource.
#include "database.hpp"
#include "router.hpp"

namespace elder::server {

void add_site_routes(Router& router, Database& db);
void add_policy_routes(Router& router, Database& db);

}  // namespace elder::server
