#pragma once
// The kinds of public content staff write (policies, guides, contacts, activities, notices), each declared
// once: its table, its fields with their types and limits, and the list the apps refetch when it
// changes. Drafts (api_drafts.cpp) are validated, cleaned and published through this table, so a
// new kind of content is one more entry here.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

enum class FieldType {
    Line,       // one line of text
    Text,       // paragraphs (pasted text is cleaned: clean_pasted_text)
    Date,       // YYYY-MM-DD
    DateTime,   // ISO 8601 with offset
    Count,      // whole number in [min, max]
    Flag,       // true / false
    Lines,      // a list of lines (materials, steps, tags)
    Category,   // a policy category's id
    Schedule,   // a schedule's id (booking), or null
};

struct FieldSpec {
    const char* name;
    FieldType type;
    bool required;
    long long min, max;  // characters (text), items (lists) or the value (counts)
};

struct ContentKind {
    const char* name;      // "policies": the API's word, the audit target's prefix
    const char* table;
    const char* title_field;
    std::vector<FieldSpec> fields;
    // A column the server sets to the time (China, ISO 8601) an item first goes live; staff never
    // type it, and an edit keeps it. Null for kinds without one.
    const char* published_column = nullptr;
};

const ContentKind* find_kind(const std::string& name);
const std::vector<ContentKind>& content_kinds();

// Cleans text pasted from a word processor: Windows line ends, non-breaking and zero-width spaces,
// the full-width indentation of Chinese paragraphs, control characters, and runs of blank lines
// go; the paragraphs stay (one line each).
std::string clean_pasted_text(const std::string& text);

// Validates `in` against the kind's fields; returns the cleaned fields, or records each problem in
// `invalid` (RFC 9457 invalid_params). `db` checks references (categories, schedules).
nlohmann::json validate_fields(Database& db, const ContentKind& kind, const nlohmann::json& in, nlohmann::json& invalid);

// Publishes `fields` (validated) as a new item (`id` 0) or over item `id`; moves the change
// counter. A new item of a kind with a `published_column` gets the time now. Returns the item's
// id. Call inside a transaction.
std::int64_t publish_fields(Database& db, const ContentKind& kind, std::int64_t id, const nlohmann::json& fields);
// Withdraws a live item; false when there is none. Call inside a transaction.
bool withdraw_item(Database& db, const ContentKind& kind, std::int64_t id);
// A live item's fields as a draft starts from them; nothing when it does not exist or was withdrawn.
std::optional<nlohmann::json> live_fields(Database& db, const ContentKind& kind, std::int64_t id);
// Live items whose title contains `q` (all when empty), newest first: {id, title}.
nlohmann::json live_titles(Database& db, const ContentKind& kind, const std::string& q, int limit);

}  // namespace elder::server
