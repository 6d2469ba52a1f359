#pragma once
// The append-only log of live events (table alert_events): alerts, cancellations and content
// changes for every stream, help-queue and call-list events for staff streams only, and a
// household's own events (its alert confirmed on one of its devices) for that household's streams. Streams replay from it
// after a reconnect (Last-Event-ID), so a client that was away misses nothing.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

enum class Audience { Public, Staff, Household };

struct AlertEvent {
    std::int64_t id;
    std::string kind;  // "alert", "cancel", "changed"; staff: "help"
    std::string data;  // JSON
    Audience audience = Audience::Public;
    std::int64_t household_id = 0;  // Audience::Household: whose
};

class EventLog {
public:
    EventLog(Database& db, std::function<void(const AlertEvent&)> on_event) : db_(db), on_event_(std::move(on_event)) {}

    // Writes an event; call inside the transaction of the change it reports, then announce() it
    // after the commit.
    AlertEvent record(const std::string& kind, const nlohmann::json& data, Audience audience = Audience::Public,
                      std::int64_t household_id = 0);
    void announce(const AlertEvent& event) { on_event_(event); }
    // Events after `last_id`, oldest first; staff events only when `staff`, a household's only for
    // `household_id`.
    std::vector<AlertEvent> after(std::int64_t last_id, bool staff, std::int64_t household_id, std::int64_t limit = 1000);
    std::int64_t last_id();

private:
    Database& db_;
    std::function<void(const AlertEvent&)> on_event_;
};

}  // namespace elder::server
