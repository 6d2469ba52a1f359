#pragma once
// Households as community staff know them (issue 18): who lives there and how to reach them, the
// flags that put them first on a call list (独居 lives alone, 重点关注 special attention), the
// emergency contact, what they consented to, their devices, the daily check-in and the days they
// are away. Only the help desk and admins read them; caseworkers and admins change them.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "database.hpp"
#include "event_log.hpp"

namespace elder::server {

// What staff may write about a household; a field that is absent stays as it is (PATCH) or takes
// its default (POST). `invalid` collects every problem (RFC 9457 invalid_params).
struct HouseholdFields {
    nlohmann::json values = nlohmann::json::object();  // column -> value, checked
};
HouseholdFields read_household_fields(const nlohmann::json& body, bool creating, nlohmann::json& invalid);

// Members replace the household's list: [{name, phone?}], at most 12; a phone (a mobile) ties the
// member's sign-in to the household and belongs to one household only (`taken` names one that is
// another's).
struct Member {
    std::string name, phone;
};
std::vector<Member> read_members(const nlohmann::json& list, nlohmann::json& invalid);
std::string phone_taken_elsewhere(Database& db, const std::vector<Member>& members, std::int64_t household_id);

std::int64_t create_household(Database& db, const HouseholdFields& fields);
void update_household(Database& db, std::int64_t id, const HouseholdFields& fields);
void replace_members(Database& db, std::int64_t id, const std::vector<Member>& members);
bool household_exists(Database& db, std::int64_t id);

// A time column as the API writes it (China time, ISO 8601), or null.
nlohmann::json epoch_or_null(const Statement& s, int column);
// The emergency contact from three columns (name, phone, relation), or null when there is none.
nlohmann::json emergency_contact_json(const Statement& s, int first_column);

// The whole record for staff: members, devices, consents, the check-in plan with the last 30 days,
// the away periods.
nlohmann::json household_json(Database& db, std::int64_t id);
// One row of the list: {id, name, phone, address, lives_alone, special_attention, members, devices,
// check_in, away_today}.
nlohmann::json household_row(const Statement& s);
extern const char* const kHouseholdRowColumns;  // what household_row() reads, from households h

// Tells the household's own streams that its check-in changed ("check_in"): set up, ended, a day
// away, or a member's press; its screens ask again.
void tell_household(EventLog& events, std::int64_t household_id);

// Consent: "check_in" (daily check-in, 报平安) or "contact" (calls and visits after a warning).
bool valid_consent_kind(const std::string& kind);
bool has_consent(Database& db, std::int64_t household_id, const std::string& kind);

}  // namespace elder::server
