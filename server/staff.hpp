#pragma once
// Staff accounts and their roles. One person may hold several roles; each endpoint names the roles
// that may call it (staff_auth.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

enum Role : unsigned {
    kDispatcher = 1,  // 值班员: the 24-hour desk, answers SOS first
    kCaseworker = 2,  // 社区工作人员: repairs, complaints, callbacks; appointments
    kEditor = 4,      // 编辑: writes content, opens booking slots
    kApprover = 8,    // 审核: publishes what editors wrote; alerts
    kAdmin = 16,      // 管理员: accounts, devices, settings, the audit log
};
constexpr unsigned kAllRoles = kDispatcher | kCaseworker | kEditor | kApprover | kAdmin;
constexpr unsigned kHelpDesk = kDispatcher | kCaseworker;

struct StaffMember {
    std::int64_t id = 0;
    std::string name;          // the sign-in name: 2-32 of a-z 0-9 . _ -
    std::string display_name;  // what colleagues and residents see (张敏)
    unsigned roles = 0;
    bool active = true;
    std::int64_t locked_until = 0;
};

// "dispatcher,editor" or ["dispatcher", "editor"] -> bits; nothing when a name is unknown or none given.
std::optional<unsigned> parse_roles(const std::string& comma_list);
std::optional<unsigned> parse_roles(const nlohmann::json& names);
std::vector<std::string> role_names(unsigned roles);
std::string roles_text(unsigned roles);  // "dispatcher,editor", as stored
bool valid_staff_name(const std::string& name);

std::optional<StaffMember> find_staff(Database& db, const std::string& name);
std::optional<StaffMember> find_staff(Database& db, std::int64_t id);
std::string staff_password_hash(Database& db, std::int64_t id);
// Creates an account; false when the name is taken.
bool insert_staff(Database& db, const StaffMember& member, const std::string& password_hash, std::int64_t& id);
nlohmann::json staff_json(const StaffMember& member);

}  // namespace elder::server
