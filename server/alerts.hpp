#pragma once
// The alert store: publishing (new, Update replaces, Cancel withdraws what `references` names),
// the active list (not withdrawn, not expired), and the event log that the live stream sends.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cap.hpp"
#include "database.hpp"

namespace elder::server {

struct AlertEvent {
    std::int64_t id;
    std::string kind;  // "alert", "cancel" or "changed"
    std::string data;  // JSON
};

class Alerts {
public:
    // `on_event` is called for each new event after its transaction commits (the live stream).
    Alerts(Database& db, std::function<void(const AlertEvent&)> on_event) : db_(db), on_event_(std::move(on_event)) {}

    // Stores the alert and applies it; returns the stored alert, or a sentence in `error`
    // (`conflict` set when the same sender/identifier/sent exists already).
    std::optional<nlohmann::json> publish(const CapAlert& alert, std::string& error, bool& conflict);

    nlohmann::json list(bool history, std::int64_t limit);
    std::optional<nlohmann::json> get(std::int64_t id);
    bool acknowledge(std::int64_t id, const std::string& who);
    // Tells every stream that public content changed (`resource`: "policies"): devices then ask
    // for their lists at once instead of at their next periodic check, so that a withdrawn
    // policy leaves every screen within seconds.
    void content_changed(const std::string& resource);
    std::vector<AlertEvent> events_after(std::int64_t last_id, std::int64_t limit = 1000);
    std::int64_t last_event_id();

private:
    AlertEvent record_event(const std::string& kind, const nlohmann::json& data);

    Database& db_;
    std::function<void(const AlertEvent&)> on_event_;
};

}  // namespace elder::server
