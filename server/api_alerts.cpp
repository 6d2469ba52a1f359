// Alerts: the active list and history, one alert, acknowledgement, staff publishing (JSON and
// CAP 1.2 XML). The live stream is served by EventHub.
#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "http_rules.hpp"
#include "query_params.hpp"
#include "reach.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

// Publishes and writes the audit entry in the same transaction.
Response published(const Request& request, const std::string& address, Database& db, const StaffCaller& who, Alerts& alerts,
                   const CapAlert& alert) {
    std::string error;
    bool conflict = false;
    const auto stored = alerts.publish(alert, error, conflict, [&](const json& a) {
        audit(db, who, address, "alert.publish", "alert:" + std::to_string(a["id"].get<std::int64_t>()), nullptr,
              {{"identifier", alert.identifier}, {"msg_type", alert.msg_type}, {"references", alert.references}});
    });
    if (!stored)
        return problem(conflict ? http::status::conflict : http::status::bad_request, "Alert not published",
                       "预警没有发布：" + error, request);
    return json_response(http::status::created, *stored, request);
}

}  // namespace

void add_alert_routes(Router& router, Database& db, Alerts& alerts, EventLog& events, Auth& auth, StaffAuth& staff, Offload& offload) {
    router.add(http::verb::get, "/api/v1/alerts", [&alerts](const Call& call) {
        json invalid = json::array();
        std::int64_t limit = 50;
        query_int(call, "limit", 1, 100, limit, invalid);
        const auto history = call.query.find("history");
        if (history != call.query.end() && history->second != "true" && history->second != "false")
            invalid.push_back({{"name", "history"}, {"reason", "must be true or false"}});
        if (!invalid.empty()) return invalid_query(call, invalid);
        const json items = alerts.list(history != call.query.end() && history->second == "true", limit);
        // Expiry changes the list without an event, so the ETag covers the content as it is now.
        const std::string etag = "\"alerts-" + std::to_string(std::hash<std::string>{}(items.dump())) + "\"";
        return respond_with_etag(call.request, etag, [&items] { return json{{"items", items}}; });
    });

    router.add(http::verb::get, "/api/v1/alerts/{id}", [&alerts](const Call& call) {
        std::int64_t id;
        const auto found = path_id(call, id) ? alerts.get(id) : std::nullopt;
        if (!found) return problem(http::status::not_found, "Not found", "没有找到这条预警。", call.request);
        return json_response(http::status::ok, *found, call.request);
    });

    // Receipts: a device or a signed-in resident says an alert was shown, then confirmed (我知道了).
    // Idempotent; the answer says whether the household has confirmed (on any of its devices), so
    // that its other screens stop interrupting. POST .../ack is the older name for "confirmed".
    const auto receipt = [&db, &auth, &events](const Call& call, std::optional<ReceiptState> state) {
        const auto who = auth.principal(call.request);
        if (!who) return problem(http::status::unauthorized, "Not signed in", "请先登录或登记设备。", call.request);
        if (!state) {
            json body;
            if (auto error = read_json_body(call, body)) return *error;
            const json value = body.value("state", json());
            if (value == "shown") state = ReceiptState::Shown;
            else if (value == "confirmed") state = ReceiptState::Confirmed;
            else return invalid_body(call, {{{"name", "state"}, {"reason", "must be shown or confirmed"}}});
        }
        std::int64_t id;
        const std::string by = who->device_id ? "d:" + std::to_string(who->device_id) : who->owner;
        const auto answer = path_id(call, id) ? record_receipt(db, events, id, by, who->household_id, *state) : std::nullopt;
        if (!answer) return problem(http::status::not_found, "Not found", "没有找到这条预警。", call.request);
        if (call.request.target().ends_with("/ack")) return no_content(call.request);
        return json_response(http::status::ok, {{"alert_id", id}, {"household_confirmed", answer->household_confirmed}},
                             call.request);
    };
    router.add(http::verb::post, "/api/v1/alerts/{id}/receipts", [receipt](const Call& call) { return receipt(call, std::nullopt); });
    router.add(http::verb::post, "/api/v1/alerts/{id}/ack", [receipt](const Call& call) { return receipt(call, ReceiptState::Confirmed); });

    // How many of the households an alert is meant for have seen and confirmed it (counts only).
    router.add(http::verb::get, "/api/v1/staff/alerts/{id}/reach", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kApprover | kHelpDesk | kAdmin, who)) return *refused;
        std::int64_t id;
        const auto reach = path_id(call, id) ? reach_of(db, id) : std::nullopt;
        if (!reach) return problem(http::status::not_found, "Not found", "没有找到这条预警。", call.request);
        return json_response(http::status::ok, *reach, call.request);
    });

    router.add(http::verb::post, "/api/v1/staff/alerts", [&alerts, &staff, &db](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse_unless_feed(call, kApprover, who)) return *refused;
        json body;
        if (auto error = read_json_body(call, body)) return *error;
        CapAlert alert;
        std::string error;
        if (!parse_alert_input(body, alert, error))
            return problem(http::status::bad_request, "Invalid alert", "预警内容不完整：" + error, call.request);
        return published(call.request, call.peer, db, who, alerts, alert);
    });

    // A CAP document may be up to the body limit: it is parsed on a worker, then stored here.
    router.add_deferred(http::verb::post, "/api/v1/staff/alerts/cap", [&alerts, &staff, &db, &offload](const Call& call, Respond respond) {
        StaffCaller who;
        if (auto refused = staff.refuse_unless_feed(call, kApprover, who)) return respond(std::move(*refused));
        struct Parsed {
            CapAlert alert;
            std::string error;
            bool ok = false;
        };
        const Request& request = call.request;  // kept alive by the connection until it answers
        const bool queued = offload.run(
            [xml = request.body()] {
                Parsed p;
                p.ok = parse_cap_xml(xml, p.alert, p.error);
                return p;
            },
            [&alerts, &db, &request, respond, who, address = call.peer](std::optional<Parsed> p) {
                if (!p) return respond(internal_error(request.version()));
                if (!p->ok)
                    return respond(problem(http::status::bad_request, "Invalid CAP message",
                                           "CAP 文件不能导入：" + p->error, request));
                respond(published(request, address, db, who, alerts, p->alert));
            });
        if (!queued)
            respond(retry_later(http::status::service_unavailable, "Importer busy", "正在导入其他预警，请稍后再试。",
                                request, 5));
    });
}

}  // namespace elder::server
