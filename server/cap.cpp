#include "cap.hpp"

#include <algorithm>
#include <ctime>
#include <regex>

namespace elder::server {
namespace {

bool one_of(const std::string& v, std::initializer_list<const char*> options) {
    return std::any_of(options.begin(), options.end(), [&](const char* o) { return v == o; });
}

}  // namespace

int severity_rank(const std::string& s) {
    if (s == "Extreme") return 4;
    if (s == "Severe") return 3;
    if (s == "Moderate") return 2;
    if (s == "Minor") return 1;
    return 0;
}

std::string colour_level(int rank) {
    switch (rank) {
        case 4: return "红";
        case 3: return "橙";
        case 2: return "黄";
        case 1: return "蓝";
        default: return "";
    }
}

bool cap_time_to_epoch(const std::string& text, long long& epoch) {
    static const std::regex pattern(R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2}))");
    std::smatch m;
    if (!std::regex_match(text, m, pattern)) return false;
    std::tm tm{};
    tm.tm_year = std::stoi(m[1]) - 1900;
    tm.tm_mon = std::stoi(m[2]) - 1;
    tm.tm_mday = std::stoi(m[3]);
    tm.tm_hour = std::stoi(m[4]);
    tm.tm_min = std::stoi(m[5]);
    tm.tm_sec = std::stoi(m[6]);
    if (tm.tm_mon > 11 || tm.tm_mday < 1 || tm.tm_mday > 31 || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
        return false;
    const long offset = (std::stol(m[8]) * 3600 + std::stol(m[9]) * 60) * (m[7] == "-" ? -1 : 1);
    epoch = static_cast<long long>(timegm(&tm)) - offset;
    return true;
}

bool validate_cap(const CapAlert& a, std::string& error) {
    long long t;
    for (const auto& [name, value] : {std::pair{"identifier", &a.identifier}, {"sender", &a.sender}, {"sent", &a.sent},
                                       {"status", &a.status}, {"msgType", &a.msg_type}, {"scope", &a.scope}})
        if (value->empty()) return error = std::string("<") + name + "> is missing", false;
    if (a.identifier.find_first_of(" ,<&") != std::string::npos || a.sender.find_first_of(" ,<&") != std::string::npos)
        return error = "identifier and sender must not contain spaces, commas, < or &", false;
    if (!cap_time_to_epoch(a.sent, t)) return error = "<sent> is not a CAP date-time like 2026-11-23T10:00:00+08:00", false;
    if (!one_of(a.status, {"Actual", "Exercise", "System", "Test", "Draft"})) return error = "<status> '" + a.status + "' is not a CAP status", false;
    if (!one_of(a.msg_type, {"Alert", "Update", "Cancel", "Ack", "Error"})) return error = "<msgType> '" + a.msg_type + "' is not a CAP message type", false;
    if (!one_of(a.scope, {"Public", "Restricted", "Private"})) return error = "<scope> '" + a.scope + "' is not a CAP scope", false;
    if ((a.msg_type == "Update" || a.msg_type == "Cancel") && a.references.empty())
        return error = "a " + a.msg_type + " must name the alerts it refers to in <references>", false;
    for (const std::string& r : a.references)
        if (std::count(r.begin(), r.end(), ',') != 2) return error = "reference '" + r + "' is not sender,identifier,sent", false;
    if ((a.msg_type == "Alert" || a.msg_type == "Update") && a.infos.empty())
        return error = "an " + a.msg_type + " needs at least one <info>", false;
    for (const CapInfo& i : a.infos) {
        if (i.categories.empty()) return error = "<info> needs at least one <category>", false;
        for (const std::string& c : i.categories)
            if (!one_of(c, {"Geo", "Met", "Safety", "Security", "Rescue", "Fire", "Health", "Env", "Transport", "Infra", "CBRNE", "Other"}))
                return error = "<category> '" + c + "' is not a CAP category", false;
        if (i.event.empty()) return error = "<info> needs an <event>", false;
        if (!one_of(i.urgency, {"Immediate", "Expected", "Future", "Past", "Unknown"})) return error = "<urgency> '" + i.urgency + "' is not a CAP urgency", false;
        if (!one_of(i.severity, {"Extreme", "Severe", "Moderate", "Minor", "Unknown"})) return error = "<severity> '" + i.severity + "' is not a CAP severity", false;
        if (!one_of(i.certainty, {"Observed", "Likely", "Possible", "Unlikely", "Unknown", "Very Likely"})) return error = "<certainty> '" + i.certainty + "' is not a CAP certainty", false;
        for (const std::string* d : {&i.effective, &i.onset, &i.expires})
            if (!d->empty() && !cap_time_to_epoch(*d, t)) return error = "'" + *d + "' is not a CAP date-time", false;
        for (const CapArea& area : i.areas)
            if (area.desc.empty()) return error = "<area> needs an <areaDesc>", false;
    }
    return true;
}

nlohmann::json cap_to_json(const CapAlert& a) {
    nlohmann::json infos = nlohmann::json::array();
    for (const CapInfo& i : a.infos) {
        nlohmann::json areas = nlohmann::json::array();
        for (const CapArea& ar : i.areas) {
            nlohmann::json geocodes = nlohmann::json::array();
            for (const auto& [name, value] : ar.geocodes) geocodes.push_back({{"valueName", name}, {"value", value}});
            areas.push_back({{"areaDesc", ar.desc}, {"polygon", ar.polygons}, {"circle", ar.circles}, {"geocode", geocodes}});
        }
        nlohmann::json j{{"language", i.language}, {"category", i.categories}, {"event", i.event},
                         {"responseType", i.response_types}, {"urgency", i.urgency}, {"severity", i.severity},
                         {"certainty", i.certainty}, {"area", areas}};
        for (const auto& [name, value] : {std::pair{"effective", &i.effective}, {"onset", &i.onset}, {"expires", &i.expires},
                                           {"senderName", &i.sender_name}, {"headline", &i.headline},
                                           {"description", &i.description}, {"instruction", &i.instruction}})
            if (!value->empty()) j[name] = *value;
        infos.push_back(j);
    }
    return {{"identifier", a.identifier}, {"sender", a.sender}, {"sent", a.sent}, {"status", a.status},
            {"msgType", a.msg_type}, {"scope", a.scope}, {"references", a.references}, {"info", infos}};
}

}  // namespace elder::server
