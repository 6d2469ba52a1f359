// Alerts published by staff as JSON (AlertInput in shared/api/openapi.yaml).
#include "cap.hpp"
#include "china_time.hpp"
#include "crypto.hpp"

namespace elder::server {
namespace {

std::string severity_for_colour(const std::string& colour) {
    if (colour == "红") return "Extreme";
    if (colour == "橙") return "Severe";
    if (colour == "黄") return "Moderate";
    if (colour == "蓝") return "Minor";
    return "";
}

std::string str(const nlohmann::json& j, const char* key, const std::string& fallback = "") {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : fallback;
}

std::vector<std::string> strings(const nlohmann::json& j, const char* key, std::string& error) {
    std::vector<std::string> out;
    const auto it = j.find(key);
    if (it == j.end()) return out;
    if (!it->is_array()) return error = std::string(key) + " must be a list of strings", out;
    for (const auto& v : *it) {
        if (!v.is_string()) return error = std::string(key) + " must be a list of strings", out;
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace

bool parse_alert_input(const nlohmann::json& in, CapAlert& out, std::string& error) {
    out = CapAlert{};
    out.identifier = str(in, "identifier", "elder-" + random_hex(8));
    out.sender = "staff@community";
    out.sent = now_iso();
    out.status = str(in, "status", "Actual");
    out.msg_type = str(in, "msgType");
    out.scope = str(in, "scope", "Public");
    out.references = strings(in, "references", error);
    const std::string colour = str(in, "colour_level");
    if (!colour.empty() && severity_for_colour(colour).empty()) return error = "colour_level must be 红, 橙, 黄 or 蓝", false;
    const auto infos = in.find("info");
    if (infos != in.end() && !infos->is_array()) return error = "info must be a list", false;
    if (infos != in.end())
        for (const auto& i : *infos) {
            if (!i.is_object()) return error = "each info must be an object", false;
            CapInfo info;
            info.language = str(i, "language", "zh-CN");
            info.categories = strings(i, "category", error);
            info.response_types = strings(i, "responseType", error);
            info.event = str(i, "event");
            info.urgency = str(i, "urgency", "Immediate");
            info.severity = str(i, "severity", severity_for_colour(colour));
            info.certainty = str(i, "certainty", "Observed");
            info.effective = str(i, "effective");
            info.onset = str(i, "onset");
            info.expires = str(i, "expires");
            info.sender_name = str(i, "senderName");
            info.headline = str(i, "headline");
            info.description = str(i, "description");
            info.instruction = str(i, "instruction");
            const auto areas = i.find("area");
            if (areas != i.end() && areas->is_array())
                for (const auto& a : *areas) info.areas.push_back({str(a, "areaDesc"), {}, {}, {}});
            out.infos.push_back(std::move(info));
        }
    return error.empty() && validate_cap(out, error);
}

}  // namespace elder::server
