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
#include "event_log.hpp"

namespace elder::server {

class Alerts {
public:
    // Events go to `events` (and from there to the live streams) after their transaction commits.
    Alerts(Database& db, EventLog& events) : db_(db), events_(events) {}

    // Stores the alert and applies it; returns the stored alert, or a sentence in `error`
    // (`conflict` set when the same sender/identifier/sent exists already).
    // `also` runs inside the publishing transaction with the stored alert (the audit entry).
    std::optional<nlohmann::json> publish(const CapAlert& alert, std::string& error, bool& conflict,
                                          const std::function<void(const nlohmann::json&)>& also = {});

    nlohmann::json list(bool history, std::int64_t limit);
    std::optional<nlohmann::json> get(std::int64_t id);
    // Tells every stream that public content changed (`resource`: "policies"): devices then ask
    // for their lists at once instead of at their next periodic check, so that a withdrawn
    // policy leaves every screen within seconds.
    void content_changed(const std::string& resource);

private:
    Database& db_;
    EventLog& events_;
};

}  // namespace elder::server
