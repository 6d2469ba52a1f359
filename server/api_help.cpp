// Help requests: residents (or a bound box for its household) ask for help and follow the status;
// staff see every request, open SOS first, and move them on.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"
#include "core/validators.hpp"
#include "crypto.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

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

}  // namespace

void add_help_routes(Router& router, Database& db, Auth& auth) {
    router.add(http::verb::post, "/api/v1/help-requests", [&db, &auth](const Call& call) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录，再提交求助。", call.request);
        if (who->owner.empty())
            return problem(http::status::forbidden, "Device not bound",
                           "这台电视还没有和您家绑定，请直接拨打社区电话求助。", call.request);
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string kind = string_field(body, "kind", true, 1, 20, invalid);
        const std::string message = string_field(body, "message", false, 0, 500, invalid);
        const std::string phone = string_field(body, "phone", false, 11, 11, invalid);
        if (invalid.empty() && kind != "sos" && kind != "repair" && kind != "complaint" && kind != "callback")
            invalid.push_back({{"name", "kind"}, {"reason", "must be sos, repair, complaint or callback"}});
        if (invalid.empty() && !phone.empty() && check_mobile(phone) != InputError::None)
            invalid.push_back({{"name", "phone"}, {"reason", "not a mainland mobile number"}});
        if (!invalid.empty()) return invalid_body(call, invalid);
        const std::string now = now_iso();
        Statement ins = db.prepare(
            "INSERT INTO help_requests (ticket, owner, kind, message, phone, status, created, updated) "
            "VALUES (?, ?, ?, ?, ?, 'received', ?, ?)");
        ins.bind(1, "H" + random_code(7)).bind(2, who->owner).bind(3, kind).bind(4, message);
        if (phone.empty()) ins.bind_null(5); else ins.bind(5, phone);
        ins.bind(6, now).bind(7, now).run();
        return json_response(http::status::created, load(db, db.last_insert_id()), call.request);
    });

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
        Statement s = db.prepare(std::string(kHelpSelect) +
                                 " ORDER BY status = 'done', kind != 'sos', id DESC");  // open SOS first
        json items = json::array();
        while (s.step()) items.push_back(help_json(s));
        return json_response(http::status::ok, {{"items", items}}, call.request);
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
