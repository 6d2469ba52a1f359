// Help requests: residents (or a bound box for its household) ask for help and follow the status;
// staff answer them in the help queue (api_help_queue.cpp).
//
// Quotas keep one account or one address from flooding staff (1,000 SOS in 379 ms were once all
// accepted), but an older person pressing SOS must always get through: an SOS while the same
// owner's SOS is still open answers that one again, and an owner's first SOS in the quota window
// is never refused.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "help_queue.hpp"
#include "query_params.hpp"
#include "request_body.hpp"
#include "write_quota.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

// What the resident sees: the request, its status, staff's note and who is handling it.
constexpr const char* kHelpSelect =
    "SELECT h.id, h.ticket, h.kind, h.message, h.status, h.note, h.created, h.updated, m.display_name "
    "FROM help_requests h LEFT JOIN staff m ON m.id = h.claimed_by";

json help_json(const Statement& s) {
    return {{"id", s.integer(0)}, {"ticket", s.text(1)}, {"kind", s.text(2)}, {"message", s.text(3)},
            {"status", s.text(4)}, {"note", s.text(5)}, {"created", s.text(6)}, {"updated", s.text(7)},
            {"handled_by", s.is_null(8) ? json(nullptr) : json(s.text(8))}};
}

json load(Database& db, std::int64_t id) {
    Statement s = db.prepare(std::string(kHelpSelect) + " WHERE h.id = ?");
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

Response handle_ask(const Call& call, Database& db, Auth& auth, EventLog& events) {
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
    const std::int64_t id = insert_help(db, who->owner, who->device_id, in.kind, in.message, in.phone);
    record_write(db, "help-owner:" + who->owner);
    record_write(db, "help-ip:" + call.peer);
    if (in.kind == "sos") record_write(db, "help-sos:" + who->owner);
    const AlertEvent event = events.record("help", help_event(db, id, "created"), Audience::Staff);
    tx.commit();
    events.announce(event);
    return json_response(http::status::created, load(db, id), call.request);
}

}  // namespace

void add_help_routes(Router& router, Database& db, Auth& auth, EventLog& events) {
    router.add(http::verb::post, "/api/v1/help-requests",
               [&db, &auth, &events](const Call& call) { return handle_ask(call, db, auth, events); });

    router.add(http::verb::get, "/api/v1/help-requests", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录。", call.request);
        Statement s = db.prepare(std::string(kHelpSelect) + " WHERE h.owner = ? ORDER BY h.id DESC");
        s.bind(1, who->owner.empty() ? "-" : who->owner);
        json items = json::array();
        while (s.step()) items.push_back(help_json(s));
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });
}

}  // namespace elder::server
