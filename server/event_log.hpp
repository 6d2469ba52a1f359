#pragma once
// The append-only log of live events (table alert_events, the outbox): alerts, cancellations and
// content changes for every stream, help-queue and call-list events for staff streams only, a
// household's own events (its alert confirmed on one of its devices) for that household's
// streams, and a device's hang-up (its binding changed) for whichever replica holds its stream.
// Each replica's EventHub tails it and fans out to its own streams; streams replay from it after
// a reconnect (Last-Event-ID), on any replica, so a client that was away or moved misses nothing.
// Ids are one global sequence in commit order: events are written under the write lock that every
// writing transaction holds to its commit (database.hpp).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "database.hpp"

namespace elder::server {

enum class Audience { Public, Staff, Household, Device };

struct AlertEvent {
    std::int64_t id;
    std::string kind;  // "alert", "cancel", "changed"; staff: "help"
    std::string data;  // JSON
    Audience audience = Audience::Public;
    std::int64_t household_id = 0;  // Audience::Household: whose
    std::int64_t device_id = 0;     // Audience::Device: which (never sent to a client)
};

class EventLog {
public:
    EventLog(Database& db, std::function<void(const AlertEvent&)> on_event) : db_(db), on_event_(std::move(on_event)) {}

    // Writes an event; call inside the transaction of the change it reports (outside one it takes
    // its own), then announce() it after the commit. `subject`: the household or the device.
    AlertEvent record(const std::string& kind, const nlohmann::json& data, Audience audience = Audience::Public,
                      std::int64_t subject = 0);
    // Wakes this replica's streams: they read what is new from the table (EventHub::catch_up).
    void announce(const AlertEvent& event) { on_event_(event); }
    // Events after `last_id`, oldest first; staff events only when `staff`, a household's only for
    // `household_id`.
    std::vector<AlertEvent> after(std::int64_t last_id, bool staff, std::int64_t household_id, std::int64_t limit = 1000);
    std::int64_t last_id();
    // Word of other replicas' events (nullptr on SQLite); see Database::listen_for_events.
    std::unique_ptr<EventWakeup> listen() { return db_.listen_for_events(); }
    // Every event after `last_id`, whoever it is for, oldest first (a replica's tail of the log).
    std::vector<AlertEvent> tail(std::int64_t last_id, std::int64_t limit);

private:
    Database& db_;
    std::function<void(const AlertEvent&)> on_event_;
};

}  // namespace elder::server
