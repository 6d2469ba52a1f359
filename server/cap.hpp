#pragma once
// Alerts shaped after OASIS CAP 1.2: the model, its JSON form (shared/api/openapi.yaml "Alert"),
// validation shared by the JSON and XML paths, and the CAP 1.2 XML importer.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace elder::server {

struct CapArea {
    std::string desc;
    std::vector<std::string> polygons, circles;
    std::vector<std::pair<std::string, std::string>> geocodes;
};

struct CapInfo {
    std::string language = "en-US";
    std::vector<std::string> categories, response_types;
    std::string event, urgency, severity, certainty;
    std::string effective, onset, expires, sender_name, headline, description, instruction;
    std::vector<CapArea> areas;
};

struct CapAlert {
    std::string identifier, sender, sent, status, msg_type, scope;
    std::vector<std::string> references;  // "sender,identifier,sent" triples
    std::vector<CapInfo> infos;
};

// Parses a CAP 1.2 XML document (also unwraps one alert from an EDXL-DE envelope). Never resolves
// entities or opens anything: documents with a DTD are refused. On failure returns false and a
// sentence naming the problem in `error`.
bool parse_cap_xml(const std::string& xml, CapAlert& out, std::string& error);

// Builds an alert from the staff JSON input (AlertInput); the same rules as the XML path.
bool parse_alert_input(const nlohmann::json& input, CapAlert& out, std::string& error);

// Rules both paths share: required fields, enumerations, date-time format, references for
// Update/Cancel, at least one info for Alert/Update.
bool validate_cap(const CapAlert& alert, std::string& error);

nlohmann::json cap_to_json(const CapAlert& alert);  // the CAP part of the API's Alert

// 4 Extreme, 3 Severe, 2 Moderate, 1 Minor, 0 Unknown; and the Chinese colour level (红/橙/黄/蓝, "" for none).
int severity_rank(const std::string& severity);
std::string colour_level(int rank);
// Seconds since 1970 of a CAP date-time ("2003-06-17T14:57:00-07:00"); false if malformed.
bool cap_time_to_epoch(const std::string& text, long long& epoch);

}  // namespace elder::server
