#include <nlohmann/json.hpp>

#include "api.hpp"
#include "china_time.hpp"

namespace elder::server {

void add_site_routes(Router& router, Database& db, const std::string& public_url) {
    router.add(http::verb::get, "/api/v1/site", [&db, public_url](const Call& call) {
        Statement s = db.prepare("SELECT value FROM settings WHERE key = 'site'");
        if (!s.step())
            return problem(http::status::not_found, "Site not configured",
                           "社区信息还没有设置，请联系社区工作人员。", call.request);
        nlohmann::json site = nlohmann::json::parse(s.text(0));
        // The zone every time in this API is written in: a device shows its clock on it, whatever
        // zone the device itself is set to.
        site["utc_offset_minutes"] = kUtcOffsetMinutes;
        // Where phones reach the site: QR codes carry it, never the address a kiosk used locally.
        if (!public_url.empty()) site["public_url"] = public_url;
        return json_response(http::status::ok, site, call.request);
    });
    // The load balancer's question: can this replica serve? Not when it cannot reach the database
    // (DatabaseUnavailable: 503, Service::handle).
    router.add(http::verb::get, "/api/v1/health", [&db](const Call& call) {
        db.prepare("SELECT 1").step();
        return json_response(http::status::ok, {{"status", "ok"}}, call.request);
    });
}

}  // namespace elder::server
