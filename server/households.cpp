#include "households.hpp"

#include <cctype>
#include <map>

#include "china_time.hpp"
#include "core/validators.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxMembers = 12;
constexpr int kHistoryDays = 30;

// A mainland mobile, or a landline with its area code (010-12345678): older people often have one.
bool phone_ok(const std::string& phone) {
    if (check_mobile(phone) == InputError::None) return true;
    size_t digits = 0;
    for (const char c : phone) {
        if (std::isdigit(static_cast<unsigned char>(c))) ++digits;
        else if (c != '-') return false;
    }
    return digits >= 7 && digits <= 13 && phone.front() != '-' && phone.back() != '-';
}

void text_column(const json& body, const char* name, const char* column, bool required, size_t min, size_t max,
                 HouseholdFields& out, json& invalid) {
    if (!body.contains(name)) {
        if (required) invalid.push_back({{"name", name}, {"reason", "is required"}});
        return;
    }
    const size_t before = invalid.size();
    const std::string value = string_field(body, name, required, min, max, invalid);
    if (invalid.size() == before) out.values[column] = value;
}

void flag_column(const json& body, const char* name, HouseholdFields& out, json& invalid) {
    if (!body.contains(name)) return;
    if (!body[name].is_boolean()) invalid.push_back({{"name", name}, {"reason", "must be true or false"}});
    else out.values[name] = body[name].get<bool>() ? 1 : 0;
}

void phone_column(const json& body, const char* name, const char* column, bool required, HouseholdFields& out,
                  json& invalid) {
    text_column(body, name, column, required, required ? 7 : 0, 20, out, invalid);
    const auto it = out.values.find(column);
    if (it != out.values.end() && !it->get<std::string>().empty() && !phone_ok(it->get<std::string>()))
        invalid.push_back({{"name", name}, {"reason", "a mobile or a landline with its area code"}});
}

json rows(Statement& s, const std::function<json(const Statement&)>& row) {
    json out = json::array();
    while (s.step()) out.push_back(row(s));
    return out;
}

json check_in_json(Database& db, std::int64_t id) {
    Statement plan = db.prepare("SELECT deadline, since FROM check_in_plans WHERE household_id = ?");
    if (!plan.bind(1, id).step()) return nullptr;
    const std::string since = plan.text(1);
    // The check-ins of the whole window in one read, then one row per day (a missed day has none).
    const std::string oldest = date_in_days(-(kHistoryDays - 1));
    std::map<std::string, std::int64_t> done;
    Statement c = db.prepare("SELECT day, at FROM check_ins WHERE household_id = ? AND day >= ?");
    c.bind(1, id).bind(2, oldest);
    while (c.step()) done[c.text(0)] = c.integer(1);
    json days = json::array();
    for (int back = 0; back < kHistoryDays; ++back) {
        const std::string day = date_in_days(-back);
        if (day < since) break;
        const auto at = done.find(day);
        days.push_back({{"day", day}, {"checked_in_at", at == done.end() ? json(nullptr) : json(iso_from_epoch(at->second))}});
    }
    return {{"deadline", plan.text(0)}, {"since", since}, {"days", days}};
}

}  // namespace

json epoch_or_null(const Statement& s, int column) {
    return s.is_null(column) ? json(nullptr) : json(iso_from_epoch(s.integer(column)));
}

json emergency_contact_json(const Statement& s, int first_column) {
    if (s.text(first_column).empty()) return nullptr;
    return {{"name", s.text(first_column)}, {"phone", s.text(first_column + 1)}, {"relation", s.text(first_column + 2)}};
}

const char* const kHouseholdRowColumns =
    "h.id, h.name, h.phone, h.address, h.lives_alone, h.special_attention, h.archived, "
    "(SELECT COUNT(*) FROM household_members m WHERE m.household_id = h.id), "
    "(SELECT COUNT(*) FROM devices d WHERE d.household_id = h.id), "
    "(SELECT deadline FROM check_in_plans p WHERE p.household_id = h.id), "
    "EXISTS (SELECT 1 FROM household_away a WHERE a.household_id = h.id AND a.from_day <= ?9 AND a.to_day >= ?9)";

HouseholdFields read_household_fields(const json& body, bool creating, json& invalid) {
    HouseholdFields out;
    text_column(body, "name", "name", creating, 1, 50, out, invalid);
    phone_column(body, "phone", "phone", creating, out, invalid);
    text_column(body, "address", "address", false, 0, 100, out, invalid);
    text_column(body, "note", "note", false, 0, 500, out, invalid);
    flag_column(body, "lives_alone", out, invalid);
    flag_column(body, "special_attention", out, invalid);
    flag_column(body, "archived", out, invalid);
    if (body.contains("emergency_contact")) {
        const json& e = body["emergency_contact"];
        if (e.is_null()) out.values["emergency_name"] = "", out.values["emergency_phone"] = "", out.values["emergency_relation"] = "";
        else if (!e.is_object()) invalid.push_back({{"name", "emergency_contact"}, {"reason", "an object or null"}});
        else {
            text_column(e, "name", "emergency_name", true, 1, 50, out, invalid);
            phone_column(e, "phone", "emergency_phone", true, out, invalid);
            text_column(e, "relation", "emergency_relation", false, 0, 20, out, invalid);
        }
    }
    return out;
}

std::vector<Member> read_members(const json& list, json& invalid) {
    std::vector<Member> out;
    if (!list.is_array() || list.size() > kMaxMembers) {
        invalid.push_back({{"name", "members"}, {"reason", "a list of at most 12 members"}});
        return out;
    }
    for (const json& m : list) {
        if (!m.is_object()) {
            invalid.push_back({{"name", "members"}, {"reason", "each member is an object"}});
            return {};
        }
        Member member;
        member.name = string_field(m, "name", true, 1, 30, invalid);
        member.phone = string_field(m, "phone", false, 0, 11, invalid);
        if (!member.phone.empty() && check_mobile(member.phone) != InputError::None)
            invalid.push_back({{"name", "members.phone"}, {"reason", "a mainland mobile number (the one the member signs in with)"}});
        for (const Member& earlier : out)
            if (!member.phone.empty() && earlier.phone == member.phone)
                invalid.push_back({{"name", "members.phone"}, {"reason", "two members with one phone"}});
        out.push_back(member);
    }
    return out;
}

std::string phone_taken_elsewhere(Database& db, const std::vector<Member>& members, std::int64_t household_id) {
    for (const Member& m : members)
        if (!m.phone.empty() && db.prepare("SELECT 1 FROM household_members WHERE phone = ? AND household_id <> ?")
                                    .bind(1, m.phone).bind(2, household_id).step())
            return m.phone;
    return {};
}

std::int64_t create_household(Database& db, const HouseholdFields& fields) {
    db.prepare("INSERT INTO households (name, phone) VALUES (?, ?)")
        .bind(1, fields.values.at("name").get<std::string>()).bind(2, fields.values.at("phone").get<std::string>()).run();
    const std::int64_t id = db.last_insert_id();
    update_household(db, id, fields);
    return id;
}

void update_household(Database& db, std::int64_t id, const HouseholdFields& fields) {
    // Column names come from read_household_fields(), never from the request.
    for (const auto& [column, value] : fields.values.items()) {
        Statement s = db.prepare("UPDATE households SET " + column + " = ? WHERE id = ?");
        if (value.is_string()) s.bind(1, value.get<std::string>()); else s.bind(1, value.get<std::int64_t>());
        s.bind(2, id).run();
    }
}

void replace_members(Database& db, std::int64_t id, const std::vector<Member>& members) {
    db.prepare("DELETE FROM household_members WHERE household_id = ?").bind(1, id).run();
    for (const Member& m : members)
        db.prepare("INSERT INTO household_members (household_id, name, phone) VALUES (?, ?, ?)")
            .bind(1, id).bind(2, m.name).bind(3, m.phone).run();
}

bool household_exists(Database& db, std::int64_t id) {
    return db.prepare("SELECT 1 FROM households WHERE id = ?").bind(1, id).step();
}

json household_row(const Statement& s) {
    return {{"id", s.integer(0)}, {"name", s.text(1)}, {"phone", s.text(2)}, {"address", s.text(3)},
            {"lives_alone", s.integer(4) != 0}, {"special_attention", s.integer(5) != 0}, {"archived", s.integer(6) != 0},
            {"members", s.integer(7)}, {"devices", s.integer(8)},
            {"check_in", s.is_null(9) ? json(nullptr) : json(s.text(9))}, {"away_today", s.integer(10) != 0}};
}

json household_json(Database& db, std::int64_t id) {
    Statement h = db.prepare(std::string("SELECT ") + kHouseholdRowColumns +
                             ", h.emergency_name, h.emergency_phone, h.emergency_relation, h.note FROM households h WHERE h.id = ?1");
    h.bind(1, id).bind(9, date_in_days(0)).step();
    json out = household_row(h);
    out["emergency_contact"] = emergency_contact_json(h, 11);
    out["note"] = h.text(14);
    Statement m = db.prepare("SELECT id, name, phone FROM household_members WHERE household_id = ? ORDER BY id");
    out["members"] = rows(m.bind(1, id), [](const Statement& r) {
        return json{{"id", r.integer(0)}, {"name", r.text(1)}, {"phone", r.text(2)}};
    });
    Statement d = db.prepare("SELECT id, kind, serial, last_seen FROM devices WHERE household_id = ? ORDER BY id");
    out["devices"] = rows(d.bind(1, id), [](const Statement& r) {
        return json{{"id", r.integer(0)}, {"kind", r.text(1)}, {"serial", r.text(2)}, {"last_seen", epoch_or_null(r, 3)}};
    });
    Statement c = db.prepare(
        "SELECT c.id, c.kind, c.given_by, s.name, c.at, c.withdrawn_at FROM household_consents c "
        "JOIN staff s ON s.id = c.recorded_by WHERE c.household_id = ? ORDER BY c.id");
    out["consents"] = rows(c.bind(1, id), [](const Statement& r) {
        return json{{"id", r.integer(0)}, {"kind", r.text(1)}, {"given_by", r.text(2)}, {"recorded_by", r.text(3)},
                    {"at", iso_from_epoch(r.integer(4))}, {"withdrawn_at", epoch_or_null(r, 5)}};
    });
    out["check_in"] = check_in_json(db, id);
    Statement a = db.prepare("SELECT id, from_day, to_day, note FROM household_away WHERE household_id = ? ORDER BY from_day");
    out["away"] = rows(a.bind(1, id), [](const Statement& r) {
        return json{{"id", r.integer(0)}, {"from", r.text(1)}, {"to", r.text(2)}, {"note", r.text(3)}};
    });
    return out;
}

void tell_household(EventLog& events, std::int64_t household_id) {
    events.announce(events.record("check_in", json::object(), Audience::Household, household_id));
}

bool valid_consent_kind(const std::string& kind) { return kind == "check_in" || kind == "contact"; }

bool has_consent(Database& db, std::int64_t household_id, const std::string& kind) {
    return db.prepare("SELECT 1 FROM household_consents WHERE household_id = ? AND kind = ? AND withdrawn_at IS NULL")
        .bind(1, household_id).bind(2, kind).step();
}

}  // namespace elder::server
