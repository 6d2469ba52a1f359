#include "audit.hpp"

#include "china_time.hpp"
#include "query_params.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

void insert(Database& db, std::int64_t staff_id, const std::string& name, const std::string& address,
            const std::string& action, const std::string& target, const json& before, const json& after) {
    Statement s = db.prepare("INSERT INTO audit_log (at, staff_id, staff_name, action, target, before, after, address) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    s.bind(1, now_iso());
    if (staff_id) s.bind(2, staff_id); else s.bind_null(2);
    s.bind(3, name).bind(4, action).bind(5, target);
    if (before.is_null()) s.bind_null(6); else s.bind(6, before.dump());
    if (after.is_null()) s.bind_null(7); else s.bind(7, after.dump());
    s.bind(8, address).run();
}

json entry_json(const Statement& s) {
    auto blob = [&](int column) { return s.is_null(column) ? json(nullptr) : json::parse(s.text(column)); };
    return {{"id", s.integer(0)}, {"at", s.text(1)}, {"staff", s.text(2)}, {"action", s.text(3)},
            {"target", s.text(4)}, {"before", blob(5)}, {"after", blob(6)}, {"address", s.text(7)}};
}

std::string filter(const Call& call, const char* name) {
    const auto it = call.query.find(name);
    return it == call.query.end() ? std::string() : it->second;
}

}  // namespace

void audit(Database& db, const StaffCaller& who, const std::string& address, const std::string& action,
           const std::string& target, const json& before, const json& after) {
    insert(db, who.member.id, who.label(), address, action, target, before, after);
}

void audit_attempt(Database& db, const std::string& who, const std::string& address, const std::string& action,
                   const json& detail) {
    insert(db, 0, who, address, action, "staff:" + who, nullptr, detail);
}

Response audit_page(const Call& call, Database& db) {
    json invalid = json::array();
    std::int64_t limit = 50, cursor = 0;
    query_int(call, "limit", 1, 200, limit, invalid);
    query_int(call, "cursor", 1, INT64_MAX, cursor, invalid);
    const std::string staff = filter(call, "staff"), action = filter(call, "action"), target = filter(call, "target");
    for (const auto& [name, value] : {std::pair<const char*, const std::string&>{"staff", staff}, {"action", action}, {"target", target}})
        if (value.size() > 64) invalid.push_back({{"name", name}, {"reason", "at most 64 characters"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(
        "SELECT id, at, staff_name, action, target, before, after, address FROM audit_log "
        "WHERE (?1 = 0 OR id < ?1) AND (?2 = '' OR staff_name = ?2) AND (?3 = '' OR substr(action, 1, length(?3)) = ?3) "
        "AND (?4 = '' OR target = ?4) ORDER BY id DESC LIMIT ?5");
    s.bind(1, cursor).bind(2, staff).bind(3, action).bind(4, target).bind(5, limit + 1);
    json next;
    const json items = read_page(s, limit, entry_json, [](const json& last) { return json(std::to_string(last["id"].get<std::int64_t>())); }, next);
    return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
}

}  // namespace elder::server
