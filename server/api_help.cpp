// Help requests: residents (or a bound box for its household) ask for help and follow the status;
// staff see every request, open SOS first, a page at a time, and move them on.
//
// Quotas keep one account or one address from flooding staff (1,000 SOS in 379 ms were once all
// accepted), but an older person pressing SOS must always get through: an SOS while the same
// owner's SOS is still open answers that one again, and an owner's first SOS in the quota window
// is never refused.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "crypto.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "write_quota.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kHelpSelect = "SELECT id, ticket, kind, message, status, note, created, updated FROM help_requests";

json help_json(const Statement& s) {
    return {{"id", s.integer(0)}, {"ticket", s.text(1)}, {"kind", s.text(2)}, {"message", s.text(3)},
            {"status", s.text(4)}, {"note", s.text(5)}, {"created", s.text(6)}, {"updated", s.text(7)}};
}

json load(Database& db, std::int64_t id) {
    Statement s = db.prepare(std::string(kHelpSelect) + " WHERE id = ?");
    s.bind(1, id).step();
    return help_json(s);
}

constexpr int kRequestsPerOwnerPerHour = 10;
// A kiosk's residents share its address: room for a busy hour at the counter.
constexpr int kRequestsPerAddressPerHour = 60;

struct HelpInput {
    std::string kind, message, phone;
};

std::optional<Response> parse_help(const Call& call, HelpInput& in) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return error;
    in.kind = string_field(body, "kind", true, 1, 20, invalid);
    in.message = string_field(body, "message", false, 0, 500, invalid);
    in.phone = string_field(body, "phone", false, 11, 11, invalid);
    if (invalid.empty() && in.kind != "sos" && in.kind != "repair" && in.kind != "complaint" && in.kind != "callback")
        invalid.push_back({{"name", "kind"}, {"reason", "must be sos, repair, complaint or callback"}});
    if (invalid.empty() && !in.phone.empty() && check_mobile(in.phone) != InputError::None)
        invalid.push_back({{"name", "phone"}, {"reason", "not a mainland mobile number"}});
    if (!invalid.empty()) return invalid_body(call, invalid);
    return std::nullopt;
}

// The owner's SOS that staff have not finished yet, if any.
std::optional<std::int64_t> open_sos(Database& db, const std::string& owner) {
    Statement s = db.prepare("SELECT id FROM help_requests WHERE owner = ? AND kind = 'sos' AND status != 'done' ORDER BY id DESC LIMIT 1");
    if (!s.bind(1, owner).step()) return std::nullopt;
    return s.integer(0);
}

// The 429 when the owner or the address has asked too often this hour; nothing for an owner's
// first SOS in the window.
std::optional<Response> over_quota(const Call& call, Database& db, const std::string& owner, const std::string& kind) {
    if (kind == "sos" && quota_wait_s(db, "help-sos:" + owner, 1) == 0) return std::nullopt;
    const std::string urgent = "紧急情况请直接拨打 120 或 110。";
    if (const int wait = quota_wait_s(db, "help-owner:" + owner, kRequestsPerOwnerPerHour))
        return too_many_requests(call.request, "您这一小时提交的求助已经有 " + std::to_string(kRequestsPerOwnerPerHour) +
                                           " 个了，工作人员会逐个处理。请 " + minutes_words(wait) + "后再提交。" + urgent, wait);
    if (const int wait = quota_wait_s(db, "help-ip:" + call.peer, kRequestsPerAddressPerHour))
        return too_many_requests(call.request, "这里这一小时提交的求助太多了，请 " + minutes_words(wait) + "后再提交。" + urgent, wait);
    return std::nullopt;
}

std::int64_t insert_help(Database& db, const std::string& owner, const HelpInput& in) {
    const std::string now = now_iso();
    Statement ins = db.prepare(
        "INSERT INTO help_requests (ticket, owner, kind, message, phone, status, created, updated) "
        "VALUES (?, ?, ?, ?, ?, 'received', ?, ?)");
    ins.bind(1, "H" + random_code(7)).bind(2, owner).bind(3, in.kind).bind(4, in.message);
    if (in.phone.empty()) ins.bind_null(5); else ins.bind(5, in.phone);
    ins.bind(6, now).bind(7, now).run();
    return db.last_insert_id();
}

Response handle_ask(const Call& call, Database& db, Auth& auth) {
    const auto who = auth.principal(call.request);
    if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录，再提交求助。", call.request);
    if (who->owner.empty())
        return problem(http::status::forbidden, "Device not bound",
                       "这台电视还没有和您家绑定，请直接拨打社区电话求助。", call.request);
    HelpInput in;
    if (auto bad = parse_help(call, in)) return *bad;
    Transaction tx(db);
    if (in.kind == "sos")  // pressed again while help is on its way: the same ticket, staff see it once
        if (const auto open = open_sos(db, who->owner)) return json_response(http::status::ok, load(db, *open), call.request);
    if (auto refused = over_quota(call, db, who->owner, in.kind)) return *refused;
    const std::int64_t id = insert_help(db, who->owner, in);
    record_write(db, "help-owner:" + who->owner);
    record_write(db, "help-ip:" + call.peer);
    if (in.kind == "sos") record_write(db, "help-sos:" + who->owner);
    tx.commit();
    return json_response(http::status::created, load(db, id), call.request);
}

// Staff's order: open SOS, other open requests, finished SOS, other finished; newest first in each.
constexpr const char* kStaffRank = "((status = 'done') * 2 + (kind != 'sos'))";

int staff_rank(const json& item) { return (item["status"] == "done" ? 2 : 0) + (item["kind"] != "sos" ? 1 : 0); }

Response staff_list(const Call& call, Database& db) {
    json invalid = json::array();
    std::int64_t limit = 20, cursor_id = 0;
    std::string cursor_rank = "-1";
    query_int(call, "limit", 1, 100, limit, invalid);
    if (auto it = call.query.find("cursor"); it != call.query.end() && !parse_cursor(it->second, "[0-3]", cursor_rank, cursor_id))
        invalid.push_back({{"name", "cursor"}, {"reason", "is not a cursor this server gave out"}});
    if (!invalid.empty()) return invalid_query(call, invalid);
    Statement s = db.prepare(std::string(kHelpSelect) + " WHERE ?1 < 0 OR " + kStaffRank + " > ?1 OR (" + kStaffRank +
                             " = ?1 AND id < ?2) ORDER BY " + kStaffRank + ", id DESC LIMIT ?3");
    s.bind(1, static_cast<std::int64_t>(std::stoi(cursor_rank))).bind(2, cursor_id).bind(3, limit + 1);
    json next;
    const json items = read_page(s, limit, help_json, [](const json& last) {
        return json(std::to_string(staff_rank(last)) + "_" + std::to_string(last["id"].get<std::int64_t>()));
    }, next);
    return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
}

}  // namespace

void add_help_routes(Router& router, Database& db, Auth& auth) {
    router.add(http::verb::post, "/api/v1/help-requests", [&db, &auth](const Call& call) { return handle_ask(call, db, auth); });

    router.add(http::verb::get, "/api/v1/help-requests", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录。", call.request);
        Statement s = db.prepare(std::string(kHelpSelect) + " WHERE owner = ? ORDER BY id DESC");
        s.bind(1, who->owner.empty() ? "-" : who->owner);
        json items = json::array();
        while (s.step()) items.push_back(help_json(s));
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });

    router.add(http::verb::get, "/api/v1/staff/help-requests", [&db, &auth](const Call& call) {
        if (!auth.is_staff(call.request)) return staff_required(call);
        return staff_list(call, db);
    });

    router.add(http::verb::patch, "/api/v1/staff/help-requests/{id}", [&db, &auth](const Call& call) {
        if (!auth.is_staff(call.request)) return staff_required(call);
        std::int64_t id;
        if (!path_id(call, id) || !db.prepare("SELECT 1 FROM help_requests WHERE id = ?").bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这个求助。", call.request);
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string status = string_field(body, "status", true, 1, 20, invalid);
        const std::string note = string_field(body, "note", false, 0, 500, invalid);
        if (invalid.empty() && status != "accepted" && status != "in_progress" && status != "done")
            invalid.push_back({{"name", "status"}, {"reason", "must be accepted, in_progress or done"}});
        if (!invalid.empty()) return invalid_body(call, invalid);
        db.prepare("UPDATE help_requests SET status = ?, note = CASE WHEN ? = '' THEN note ELSE ? END, updated = ? WHERE id = ?")
            .bind(1, status).bind(2, note).bind(3, note).bind(4, now_iso()).bind(5, id).run();
        return json_response(http::status::ok, load(db, id), call.request);
    });
}

}  // namespace elder::server
