#include "event_log.hpp"

#include <cstdlib>
#include <optional>

#include "china_time.hpp"

namespace elder::server {

namespace {

std::string audience_text(Audience audience, std::int64_t subject) {
    if (audience == Audience::Staff) return "staff";
    if (audience == Audience::Household) return "household:" + std::to_string(subject);
    if (audience == Audience::Device) return "device:" + std::to_string(subject);
    return "public";
}

// "household:12" -> 12 when `text` starts with `prefix`, else 0.
std::int64_t subject_of(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0 ? std::atoll(text.c_str() + prefix.size()) : 0;
}

AlertEvent event_from_row(std::int64_t id, std::string kind, std::string data, const std::string& audience) {
    AlertEvent e{id, std::move(kind), std::move(data)};
    if (audience == "staff") e.audience = Audience::Staff;
    else if ((e.household_id = subject_of(audience, "household:"))) e.audience = Audience::Household;
    else if ((e.device_id = subject_of(audience, "device:"))) e.audience = Audience::Device;
    return e;
}

}  // namespace

AlertEvent EventLog::record(const std::string& kind, const nlohmann::json& data, Audience audience, std::int64_t subject) {
    // Under the write lock, ids become visible in their order, so a replica's tail never passes one
    // that another has yet to commit.
    std::optional<Transaction> own;
    if (!db_.in_write()) own.emplace(db_);
    db_.take_write_lock();  // a transaction begun AtFirstEvent takes it now
    const std::string text = data.dump();
    const std::string who = audience_text(audience, subject);
    const std::int64_t id = db_.prepare("INSERT INTO alert_events (kind, data, created, audience) VALUES (?, ?, ?, ?) RETURNING id")
                                .bind(1, kind).bind(2, text).bind(3, now_iso()).bind(4, who).returning_id();
    db_.notify_events();
    if (own) own->commit();
    return event_from_row(id, kind, text, who);
}

std::vector<AlertEvent> EventLog::after(std::int64_t last_id, bool staff, std::int64_t household_id, std::int64_t limit) {
    Statement s = db_.prepare("SELECT id, kind, data, audience FROM alert_events WHERE id > ?1 AND "
                              "(audience = 'public' OR (?2 = 1 AND audience = 'staff') OR audience = ?3) ORDER BY id LIMIT ?4");
    s.bind(1, last_id).bind(2, static_cast<std::int64_t>(staff)).bind(3, audience_text(Audience::Household, household_id)).bind(4, limit);
    std::vector<AlertEvent> out;
    while (s.step()) out.push_back(event_from_row(s.integer(0), s.text(1), s.text(2), s.text(3)));
    return out;
}

std::vector<AlertEvent> EventLog::tail(std::int64_t last_id, std::int64_t limit) {
    Statement s = db_.prepare("SELECT id, kind, data, audience FROM alert_events WHERE id > ? ORDER BY id LIMIT ?");
    s.bind(1, last_id).bind(2, limit);
    std::vector<AlertEvent> out;
    while (s.step()) out.push_back(event_from_row(s.integer(0), s.text(1), s.text(2), s.text(3)));
    return out;
}

std::int64_t EventLog::last_id() {
    Statement s = db_.prepare("SELECT COALESCE(MAX(id), 0) FROM alert_events");
    s.step();
    return s.integer(0);
}

}  // namespace elder::server
