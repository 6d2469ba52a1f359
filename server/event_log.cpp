#include "event_log.hpp"

#include "china_time.hpp"

namespace elder::server {

AlertEvent EventLog::record(const std::string& kind, const nlohmann::json& data, Audience audience) {
    const std::string text = data.dump();
    db_.prepare("INSERT INTO alert_events (kind, data, created, audience) VALUES (?, ?, ?, ?)")
        .bind(1, kind).bind(2, text).bind(3, now_iso()).bind(4, audience == Audience::Staff ? "staff" : "public").run();
    return {db_.last_insert_id(), kind, text, audience};
}

std::vector<AlertEvent> EventLog::after(std::int64_t last_id, bool staff, std::int64_t limit) {
    Statement s = db_.prepare("SELECT id, kind, data, audience FROM alert_events WHERE id > ? AND (? OR audience = 'public') "
                              "ORDER BY id LIMIT ?");
    s.bind(1, last_id).bind(2, static_cast<std::int64_t>(staff)).bind(3, limit);
    std::vector<AlertEvent> out;
    while (s.step())
        out.push_back({s.integer(0), s.text(1), s.text(2), s.text(3) == "staff" ? Audience::Staff : Audience::Public});
    return out;
}

std::int64_t EventLog::last_id() {
    Statement s = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM alert_events");
    s.step();
    return s.integer(0);
}

}  // namespace elder::server
