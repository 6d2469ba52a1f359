#include "event_log.hpp"

#include "china_time.hpp"

namespace elder::server {

namespace {

std::string audience_text(Audience audience, std::int64_t household_id) {
    if (audience == Audience::Staff) return "staff";
    if (audience == Audience::Household) return "household:" + std::to_string(household_id);
    return "public";
}

}  // namespace

AlertEvent EventLog::record(const std::string& kind, const nlohmann::json& data, Audience audience, std::int64_t household_id) {
    const std::string text = data.dump();
    db_.prepare("INSERT INTO alert_events (kind, data, created, audience) VALUES (?, ?, ?, ?)")
        .bind(1, kind).bind(2, text).bind(3, now_iso()).bind(4, audience_text(audience, household_id)).run();
    return {db_.last_insert_id(), kind, text, audience, household_id};
}

std::vector<AlertEvent> EventLog::after(std::int64_t last_id, bool staff, std::int64_t household_id, std::int64_t limit) {
    Statement s = db_.prepare("SELECT id, kind, data, audience FROM alert_events WHERE id > ?1 AND "
                              "(audience = 'public' OR (?2 = 1 AND audience = 'staff') OR audience = ?3) ORDER BY id LIMIT ?4");
    s.bind(1, last_id).bind(2, static_cast<std::int64_t>(staff)).bind(3, audience_text(Audience::Household, household_id)).bind(4, limit);
    std::vector<AlertEvent> out;
    while (s.step()) {
        const std::string audience = s.text(3);
        out.push_back({s.integer(0), s.text(1), s.text(2),
                       audience == "staff" ? Audience::Staff : audience == "public" ? Audience::Public : Audience::Household,
                       audience.rfind("household:", 0) == 0 ? household_id : 0});
    }
    return out;
}

std::int64_t EventLog::last_id() {
    Statement s = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM alert_events");
    s.step();
    return s.integer(0);
}

}  // namespace elder::server
