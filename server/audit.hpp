#pragma once
// The audit log: every change a staff member (or the alert feed) makes, with who, when, from where,
// what, and the record before and after. Written in the change's own transaction, so that a change
// and its entry stand or fall together; the database refuses to alter or delete an entry
// (triggers, migration 9) and the API has no route that would. Admins read it (GET /staff/audit).
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "http_types.hpp"
#include "staff_auth.hpp"

namespace elder::server {

// `target` names the record: "help:12", "staff:3", "policy:7". `before`/`after`: null when absent.
void audit(Database& db, const StaffCaller& who, const std::string& address, const std::string& action,
           const std::string& target, const nlohmann::json& before = nullptr, const nlohmann::json& after = nullptr);
// Security events without a signed-in caller (a failed sign-in): `who` names the account tried.
void audit_attempt(Database& db, const std::string& who, const std::string& address, const std::string& action,
                   const nlohmann::json& detail = nullptr);

// GET /api/v1/staff/audit: newest first, filtered by ?staff=NAME, ?action=PREFIX, ?target=T, paged by ?cursor.
Response audit_page(const Call& call, Database& db);

}  // namespace elder::server
