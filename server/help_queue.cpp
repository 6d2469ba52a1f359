#include "help_queue.hpp"

#include <algorithm>
#include <ctime>

#include "cap.hpp"
#include "china_time.hpp"
#include "crypto.hpp"

namespace elder::server {
namespace {

using nlohmann::json;


long long epoch(const std::string& iso) {
    long long t = 0;
    return cap_time_to_epoch(iso, t) ? t : 0;
}

json text_or_null(const Statement& s, int column) { return s.is_null(column) ? json(nullptr) : json(s.text(column)); }

constexpr const char* kQueueSelect =
    "SELECT h.id, h.ticket, h.kind, h.message, h.status, h.note, h.created, h.updated, h.claimed_by, m.display_name, "
    "h.claimed_at, h.unit, h.outcome, h.closed_at, h.overdue_at, h.owner, h.phone, h.device_id "
    "FROM help_requests h LEFT JOIN staff m ON m.id = h.claimed_by WHERE h.id = ?";

// Who asked: a bound box's household (name, phone, its devices) or a signed-in resident's phone.
json household_of(Database& db, const std::string& owner, const json& phone_given) {
    json out = {{"name", nullptr}, {"phone", phone_given}, {"devices", json::array()}};
    const std::int64_t id = owner.size() > 2 ? std::atoll(owner.c_str() + 2) : 0;
    if (owner.rfind("h:", 0) == 0) {
        Statement h = db.prepare("SELECT name, phone FROM households WHERE id = ?");
        if (h.bind(1, id).step()) out["name"] = h.text(0), out["phone"] = h.text(1);
        Statement d = db.prepare("SELECT id, kind, serial FROM devices WHERE household_id = ? ORDER BY id");
        d.bind(1, id);
        while (d.step()) out["devices"].push_back({{"id", d.integer(0)}, {"kind", d.text(1)}, {"serial", d.text(2)}});
    } else if (owner.rfind("r:", 0) == 0) {
        Statement r = db.prepare("SELECT phone FROM residents WHERE id = ?");
        if (r.bind(1, id).step() && phone_given.is_null()) out["phone"] = r.text(0);
    }
    return out;
}

json past_requests(Database& db, const std::string& owner, std::int64_t except) {
    Statement s = db.prepare("SELECT id, ticket, kind, status, created, outcome FROM help_requests WHERE owner = ? AND id != ? "
                             "ORDER BY id DESC LIMIT 10");
    s.bind(1, owner).bind(2, except);
    json out = json::array();
    while (s.step())
        out.push_back({{"id", s.integer(0)}, {"ticket", s.text(1)}, {"kind", s.text(2)}, {"status", s.text(3)},
                       {"created", s.text(4)}, {"outcome", text_or_null(s, 5)}});
    return out;
}

// The request's history, from the audit log (who did what, when), oldest first.
json history(Database& db, std::int64_t id) {
    Statement s = db.prepare("SELECT at, staff_name, action, after FROM audit_log WHERE target = ? ORDER BY id");
    s.bind(1, "help:" + std::to_string(id));
    json out = json::array();
    while (s.step()) {
        json entry = {{"at", s.text(0)}, {"staff", s.text(1)}, {"action", s.text(2)}};
        const json after = s.is_null(3) ? json::object() : json::parse(s.text(3));
        for (const char* key : {"status", "note", "unit", "outcome"})  // what changed, in words staff read
            if (after.contains(key)) entry[key] = after[key];
        out.push_back(entry);
    }
    return out;
}

int percentile(std::vector<long long> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return static_cast<int>(v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5))]);
}

json spread(const std::vector<long long>& v) {
    if (v.empty()) return {{"count", 0}, {"median_s", nullptr}, {"p90_s", nullptr}};
    return {{"count", v.size()}, {"median_s", percentile(v, 0.5)}, {"p90_s", percentile(v, 0.9)}};
}

}  // namespace

json help_event(Database& db, std::int64_t id, const std::string& what) {
    Statement s = db.prepare(kQueueSelect);
    if (!s.bind(1, id).step()) return {{"id", id}, {"event", what}};
    return {{"id", id}, {"event", what}, {"kind", s.text(2)}, {"status", s.text(4)},
            {"claimed_by", text_or_null(s, 9)}, {"overdue", !s.is_null(14)}};
}

json staff_help_json(Database& db, std::int64_t id, bool detail) {
    Statement s = db.prepare(kQueueSelect);
    if (!s.bind(1, id).step()) return nullptr;
    json out = {{"id", s.integer(0)}, {"ticket", s.text(1)}, {"kind", s.text(2)}, {"message", s.text(3)},
                {"status", s.text(4)}, {"note", s.text(5)}, {"created", s.text(6)}, {"updated", s.text(7)},
                {"claimed_by", s.is_null(8) ? json(nullptr) : json{{"id", s.integer(8)}, {"display_name", s.text(9)}}},
                {"claimed_at", text_or_null(s, 10)}, {"unit", text_or_null(s, 11)}, {"outcome", text_or_null(s, 12)},
                {"closed_at", text_or_null(s, 13)}, {"overdue", !s.is_null(14)},
                {"from_device", !s.is_null(17)}};
    const json household = household_of(db, s.text(15), text_or_null(s, 16));
    out["household_name"] = household["name"];
    if (detail) {
        out["household"] = household;
        out["past_requests"] = past_requests(db, s.text(15), id);
        out["history"] = history(db, id);
    }
    return out;
}

std::int64_t insert_help(Database& db, const std::string& owner, std::int64_t device_id, const std::string& kind,
                         const std::string& message, const std::string& phone) {
    const std::string now = now_iso();
    Statement ins = db.prepare(
        "INSERT INTO help_requests (ticket, owner, kind, message, phone, status, created, updated, device_id) "
        "VALUES (?, ?, ?, ?, ?, 'received', ?, ?, ?)");
    ins.bind(1, "H" + random_code(7)).bind(2, owner).bind(3, kind).bind(4, message);
    if (phone.empty()) ins.bind_null(5); else ins.bind(5, phone);
    ins.bind(6, now).bind(7, now);
    if (device_id) ins.bind(8, device_id); else ins.bind_null(8);
    ins.run();
    return db.last_insert_id();
}

std::vector<std::int64_t> mark_overdue_sos(Database& db, EventLog& events, int deadline_s) {
    const std::string before = iso_from_epoch(now_s() - deadline_s);
    std::vector<std::int64_t> ids;
    std::vector<AlertEvent> announced;
    Transaction tx(db);
    Statement s = db.prepare("SELECT id FROM help_requests WHERE kind = 'sos' AND status = 'received' AND claimed_by IS NULL "
                             "AND overdue_at IS NULL AND created <= ? ORDER BY id");
    s.bind(1, before);
    while (s.step()) ids.push_back(s.integer(0));
    for (const std::int64_t id : ids) {
        db.prepare("UPDATE help_requests SET overdue_at = ? WHERE id = ?").bind(1, now_iso()).bind(2, id).run();
        announced.push_back(events.record("help", help_event(db, id, "overdue"), Audience::Staff));
    }
    tx.commit();
    for (const AlertEvent& e : announced) events.announce(e);
    return ids;
}

json help_figures(Database& db, int days, int claim_deadline_s) {
    const std::string since = iso_from_epoch(now_s() - static_cast<long long>(days) * 86400);
    std::vector<long long> claim_sos, claim_all, close_all;
    int sos_in_time = 0, sos_total = 0;
    Statement s = db.prepare("SELECT kind, created, claimed_at, closed_at FROM help_requests WHERE created >= ?");
    s.bind(1, since);
    while (s.step()) {
        const long long created = epoch(s.text(1));
        if (!s.is_null(2)) {
            const long long wait = std::max(0LL, epoch(s.text(2)) - created);
            claim_all.push_back(wait);
            if (s.text(0) == "sos") claim_sos.push_back(wait), sos_in_time += wait <= claim_deadline_s;
        }
        if (s.text(0) == "sos") ++sos_total;
        if (!s.is_null(3)) close_all.push_back(std::max(0LL, epoch(s.text(3)) - created));
    }
    Statement open = db.prepare("SELECT COUNT(*), COUNT(*) FILTER (WHERE kind = 'sos'), "
                                "COUNT(*) FILTER (WHERE overdue_at IS NOT NULL AND claimed_by IS NULL), "
                                "COUNT(*) FILTER (WHERE claimed_by IS NULL) FROM help_requests WHERE status != 'done'");
    open.step();
    return {{"days", days},
            {"open", open.integer(0)}, {"open_sos", open.integer(1)}, {"overdue_unclaimed", open.integer(2)},
            {"unclaimed", open.integer(3)},
            {"claim_sos", spread(claim_sos)}, {"claim_all", spread(claim_all)}, {"close_all", spread(close_all)},
            {"sos_claimed_in_time", sos_in_time}, {"sos_total", sos_total}, {"claim_deadline_s", claim_deadline_s}};
}

}  // namespace elder::server
