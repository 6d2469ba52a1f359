#pragma once
// The resources of the REST contract (shared/api/openapi.yaml) as plain structs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace elder {

struct Site {
    std::string community_name, address, hotline;
    std::string public_url;  // where phones reach the site (QR codes); "" when the server does not say
    std::vector<std::string> enabled_functions;
    std::int64_t kiosk_idle_timeout_s = 120;
    std::int64_t utc_offset_minutes = 8 * 60;  // the community's zone: clocks and times are shown in it
};

struct PolicyCategory {
    std::string id, name;
    std::int64_t policy_count = 0;
};

struct Policy {
    std::int64_t id = 0;
    bool deleted = false;  // a tombstone from a `since` list: only id and updated_seq are set
    std::string category_id, title, summary, issuer, published_on, effective_on, body;  // body: detail only
    std::vector<std::string> tags;
    std::int64_t updated_seq = 0;
};

struct PolicyPage {
    std::vector<Policy> items;
    std::int64_t seq = 0;
    std::string next_cursor;                 // "" when there is no next page
    std::optional<std::int64_t> next_since;  // for `since` lists
};

struct Guide {
    std::int64_t id = 0;
    std::string theme, title, what, who, place, hours, fee, processing_time, online_url;
    std::vector<std::string> materials, steps;
    bool online = false, bookable = false;
    std::optional<std::int64_t> schedule_id;
};

struct Contact {
    std::int64_t id = 0;
    std::string organisation, role, name, phone, hours, address;
};

struct Activity {
    std::int64_t id = 0;
    std::string title, description, place, start, end;
    std::int64_t capacity = 0, seats_left = 0;
    std::optional<std::int64_t> schedule_id;
};

// 社区公告: the community's own notice (a water cut, lift maintenance, the canteen's hours).
struct Notice {
    std::int64_t id = 0;
    std::string title, body, published;  // published: "2026-11-24T16:30:00+08:00"
    bool pinned = false;                 // kept at the top of the list by staff
};

// A bookable service (FHIR Schedule): a guide's counter or an activity.
struct Schedule {
    std::int64_t id = 0;
    std::string service, place;
    bool active = false, needs_id_number = false;
    std::optional<std::int64_t> guide_id, activity_id;
};

struct Slot {
    std::int64_t id = 0, schedule_id = 0;
    std::string start, end, status;
    std::int64_t capacity = 0, seats_left = 0;
};

struct Appointment {
    std::int64_t id = 0;
    std::string code, service, place, status, name, created, cancelled_at;
    std::string cancel_reason;  // why the community cancelled it (a closed slot); "" otherwise
    std::vector<std::string> materials;
    Slot slot;
};

struct AlertInfo {
    std::string language, event, urgency, severity, certainty, headline, description, instruction, sender_name,
        effective, expires;
    std::vector<std::string> categories, areas;  // areas: their descriptions
};

struct Alert {
    std::int64_t id = 0;
    std::string identifier, sender, sent, status, msg_type, scope, colour_level;
    std::vector<AlertInfo> infos;
    bool active = false;
};

struct HelpRequest {
    std::int64_t id = 0;
    std::string ticket, kind, message, status, note, created, updated;
    std::string handled_by;  // the staff member who claimed it ("" while nobody has)
};

struct Problem {
    std::int64_t status = 0;
    std::string title, detail;  // detail: a sentence that may be shown to a resident
    std::vector<Slot> alternatives;  // a full slot's 409: the day's other free slots
    std::int64_t retry_after_s = 0;  // a 429: when to ask again
};

struct Token {  // a resident signed in with phone + one-time code
    std::string token, expires_at;
};

// The answer to a receipt (POST /alerts/{id}/receipts): whether the household has confirmed the
// alert, on this device or another of its own.
struct ReceiptAnswer {
    std::int64_t alert_id = 0;
    bool household_confirmed = false;
};

// The household's daily check-in (报平安) today, as the server tells it (GET /check-in).
struct CheckInState {
    bool enrolled = false;      // the household checks in daily
    std::string day;            // today, in China
    std::string deadline;       // "10:00"
    bool away_today = false;
    std::string checked_in_at;  // "" while not yet today
};

// The live stream's "confirmed": another device of this household confirmed the alert.
struct AlertConfirmed {
    std::int64_t alert_id = 0;
};

// A set-top box as the server knows it: registered, and bound by staff to a household (or not yet).
struct DeviceStatus {
    std::int64_t id = 0;
    std::string kind, serial, household_name, household_phone;
    bool bound = false;
    std::string token;  // only in the answer to the registration
};

}  // namespace elder
