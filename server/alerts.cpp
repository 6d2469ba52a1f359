#include "alerts.hpp"

#include <ctime>

#include "china_time.hpp"
#include "reach.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kAlertColumns = "id, cap, severity_rank, expires_at, active, replaced_by";

json alert_json(const Statement& s) {
    json out = json::parse(s.text(1));
    const bool expired = !s.is_null(3) && s.integer(3) <= now_s();
    const std::string colour = colour_level(static_cast<int>(s.integer(2)));
    out["id"] = s.integer(0);
    out["active"] = s.integer(4) != 0 && !expired;
    out["colour_level"] = colour.empty() ? json(nullptr) : json(colour);
    out["replaced_by"] = s.is_null(5) ? json(nullptr) : json(s.integer(5));
    return out;
}

// The latest expiry of the alert's infos (an alert stays while any language version is current).
std::optional<long long> expires_at(const CapAlert& a) {
    std::optional<long long> latest;
    for (const CapInfo& i : a.infos) {
        long long t;
        if (i.expires.empty()) return std::nullopt;  // one info without expiry: no expiry
        if (cap_time_to_epoch(i.expires, t) && (!latest || t > *latest)) latest = t;
    }
    return latest;
}

}  // namespace

std::optional<json> Alerts::publish(const CapAlert& a, std::string& error, bool& conflict,
                                    const std::function<void(const json&)>& also) {
    conflict = false;
    std::vector<AlertEvent> events;
    Transaction tx(db_);
    if (db_.prepare("SELECT 1 FROM alerts WHERE sender = ? AND identifier = ? AND sent = ?")
            .bind(1, a.sender).bind(2, a.identifier).bind(3, a.sent).step()) {
        conflict = true;
        error = "this alert (sender, identifier, sent) was imported before";
        return std::nullopt;
    }
    int rank = 0;
    for (const CapInfo& i : a.infos) rank = std::max(rank, severity_rank(i.severity));
    const bool shows = a.msg_type == "Alert" || a.msg_type == "Update";
    Statement ins = db_.prepare(
        "INSERT INTO alerts (identifier, sender, sent, msg_type, status, cap, severity_rank, expires_at, active, created) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, a.identifier).bind(2, a.sender).bind(3, a.sent).bind(4, a.msg_type).bind(5, a.status)
        .bind(6, cap_to_json(a).dump()).bind(7, static_cast<std::int64_t>(rank));
    if (const auto e = expires_at(a)) ins.bind(8, static_cast<std::int64_t>(*e)); else ins.bind_null(8);
    ins.bind(9, static_cast<std::int64_t>(shows)).bind(10, now_iso()).run();
    const std::int64_t id = db_.last_insert_id();
    if (shows) target_households(db_, id, rank, a.status);

    // Update and Cancel withdraw every active alert that `references` names.
    for (const std::string& ref : a.references) {
        const size_t c1 = ref.find(','), c2 = ref.find(',', c1 + 1);
        Statement old = db_.prepare("SELECT id, identifier FROM alerts WHERE sender = ? AND identifier = ? AND sent = ? AND active = 1");
        old.bind(1, ref.substr(0, c1)).bind(2, ref.substr(c1 + 1, c2 - c1 - 1)).bind(3, ref.substr(c2 + 1));
        while (old.step()) {
            const std::int64_t old_id = old.integer(0);
            const std::string old_identifier = old.text(1);
            Statement upd = db_.prepare("UPDATE alerts SET active = 0, replaced_by = ? WHERE id = ?");
            if (a.msg_type == "Update") upd.bind(1, id); else upd.bind_null(1);
            upd.bind(2, old_id).run();
            events.push_back(events_.record("cancel", {{"id", old_id}, {"identifier", old_identifier}}));
        }
    }
    const auto stored = get(id);
    if (shows) events.push_back(events_.record("alert", *stored));
    if (also) also(*stored);
    tx.commit();
    for (const AlertEvent& e : events) events_.announce(e);
    return stored;
}

json Alerts::list(bool history, std::int64_t limit) {
    const std::string where = history ? "1 = 1"
                                      : "active = 1 AND status = 'Actual' AND (expires_at IS NULL OR expires_at > ?1)";
    Statement s = db_.prepare(std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE " + where +
                              (history ? " ORDER BY id DESC" : " ORDER BY severity_rank DESC, id DESC") + " LIMIT ?2");
    if (!history) s.bind(1, now_s());
    s.bind(2, limit);
    json items = json::array();
    while (s.step()) items.push_back(alert_json(s));
    return items;
}

std::optional<json> Alerts::get(std::int64_t id) {
    Statement s = db_.prepare(std::string("SELECT ") + kAlertColumns + " FROM alerts WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    return alert_json(s);
}

void Alerts::content_changed(const std::string& resource) {
    events_.announce(events_.record("changed", {{"resource", resource}}));
}

}  // namespace elder::server
