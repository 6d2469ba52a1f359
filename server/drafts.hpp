#pragma once
// Putting an approved draft live (api_drafts.cpp), now or when its time comes.
#include <cstdint>

#include "alerts.hpp"
#include "database.hpp"

namespace elder::server {

// Publishes draft `id` (validated again, cleaned) over its live item or as a new one and marks it
// published. Call inside a transaction; the caller tells the streams (Alerts::content_changed).
// Returns the live item's id, 0 when the draft no longer validates (it is then sent back).
std::int64_t publish_draft_now(Database& db, std::int64_t id);

// Publishes every scheduled draft whose time has come; each is audited as its approver's and
// announced. Returns how many went live.
int publish_due_drafts(Database& db, Alerts& alerts);

}  // namespace elder::server
