#include "staff.hpp"

#include <regex>
#include <sstream>

#include "china_time.hpp"

namespace elder::server {
namespace {

constexpr std::pair<const char*, Role> kRoleNames[] = {
    {"dispatcher", kDispatcher}, {"caseworker", kCaseworker}, {"editor", kEditor}, {"approver", kApprover}, {"admin", kAdmin}};

std::optional<unsigned> role_bit(const std::string& name) {
    for (const auto& [n, bit] : kRoleNames)
        if (name == n) return bit;
    return std::nullopt;
}

constexpr const char* kStaffColumns = "id, name, display_name, roles, active, locked_until FROM staff";

StaffMember read_member(const Statement& s) {
    StaffMember m;
    m.id = s.integer(0);
    m.name = s.text(1);
    m.display_name = s.text(2);
    m.roles = parse_roles(s.text(3)).value_or(0);
    m.active = s.integer(4) != 0;
    m.locked_until = s.integer(5);
    return m;
}

}  // namespace

std::string roles_text(unsigned roles) {
    std::string out;
    for (const std::string& n : role_names(roles)) out += (out.empty() ? "" : ",") + n;
    return out;
}

std::optional<unsigned> parse_roles(const std::string& comma_list) {
    unsigned roles = 0;
    std::stringstream in(comma_list);
    for (std::string name; std::getline(in, name, ',');) {
        const auto bit = role_bit(name);
        if (!bit) return std::nullopt;
        roles |= *bit;
    }
    return roles ? std::optional<unsigned>(roles) : std::nullopt;
}

std::optional<unsigned> parse_roles(const nlohmann::json& names) {
    if (!names.is_array() || names.empty() || names.size() > std::size(kRoleNames)) return std::nullopt;
    unsigned roles = 0;
    for (const auto& n : names) {
        const auto bit = n.is_string() ? role_bit(n.get<std::string>()) : std::nullopt;
        if (!bit) return std::nullopt;
        roles |= *bit;
    }
    return roles;
}

std::vector<std::string> role_names(unsigned roles) {
    std::vector<std::string> out;
    for (const auto& [n, bit] : kRoleNames)
        if (roles & bit) out.push_back(n);
    return out;
}

bool valid_staff_name(const std::string& name) {
    static const std::regex pattern("[a-z0-9._-]{2,32}");
    return std::regex_match(name, pattern);
}

std::optional<StaffMember> find_staff(Database& db, const std::string& name) {
    Statement s = db.prepare(std::string("SELECT ") + kStaffColumns + " WHERE name = ?");
    if (!s.bind(1, name).step()) return std::nullopt;
    return read_member(s);
}

std::optional<StaffMember> find_staff(Database& db, std::int64_t id) {
    Statement s = db.prepare(std::string("SELECT ") + kStaffColumns + " WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return read_member(s);
}

std::string staff_password_hash(Database& db, std::int64_t id) {
    Statement s = db.prepare("SELECT password_hash FROM staff WHERE id = ?");
    return s.bind(1, id).step() ? s.text(0) : std::string();
}

bool insert_staff(Database& db, const StaffMember& m, const std::string& password_hash, std::int64_t& id) {
    if (db.prepare("SELECT 1 FROM staff WHERE name = ?").bind(1, m.name).step()) return false;
    db.prepare("INSERT INTO staff (name, display_name, roles, password_hash, active, created) VALUES (?, ?, ?, ?, 1, ?)")
        .bind(1, m.name).bind(2, m.display_name).bind(3, roles_text(m.roles)).bind(4, password_hash).bind(5, now_iso()).run();
    id = db.last_insert_id();
    return true;
}

nlohmann::json staff_json(const StaffMember& m) {
    return {{"id", m.id}, {"name", m.name}, {"display_name", m.display_name}, {"roles", role_names(m.roles)},
            {"active", m.active}};
}

}  // namespace elder::server
