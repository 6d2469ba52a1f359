#pragma once
#include <string>

#include "alerts.hpp"
#include "database.hpp"

namespace elder::server {

// Loads assets/demo into an empty database (site, policies, guides with bookable slots for the next
// 14 days, contacts, activities, notices). Does nothing when content
// exists already, so restarting with --demo never duplicates or overwrites anything; a demo
// database from before notices existed gets the demo notices once.
// Throws std::runtime_error naming the file and the problem when the demo content is malformed.
void seed_demo(Database& db, const std::string& demo_dir);

// Publishes the demo alerts (assets/demo/alerts.json, expiring hours from now) when there are none.
void seed_demo_alerts(Database& db, Alerts& alerts, const std::string& demo_dir);

}  // namespace elder::server
