// CAP 1.2 XML import with pugixml. pugixml never loads external DTDs or entities; on top of that a
// document with a DOCTYPE is refused outright, so nothing in it is even looked at.
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>

#include "cap.hpp"

namespace elder::server {
namespace {

constexpr const char* kCapNs = "urn:oasis:names:tc:emergency:cap:1.2";

std::string local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

std::string namespace_of(const pugi::xml_node& n) {
    const std::string name = n.name();
    const size_t colon = name.find(':');
    const std::string attr = colon == std::string::npos ? "xmlns" : "xmlns:" + name.substr(0, colon);
    for (pugi::xml_node p = n; p; p = p.parent())
        if (pugi::xml_attribute a = p.attribute(attr.c_str())) return a.value();
    return "";
}

bool is_cap(const pugi::xml_node& n) { return n.type() == pugi::node_element && namespace_of(n) == kCapNs; }

std::string trimmed(const char* text) {
    std::string s = text;
    const size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string text_of(const pugi::xml_node& n) { return trimmed(n.child_value()); }

// Checks that the CAP children of `parent` come in schema order and are all known. Elements of
// other namespaces (XML signatures) may follow.
bool check_order(const pugi::xml_node& parent, const std::vector<std::string>& order, std::string& error) {
    size_t at = 0;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (c.type() != pugi::node_element || !is_cap(c)) continue;
        const auto it = std::find(order.begin(), order.end(), local_name(c));
        if (it == order.end()) return error = "<" + local_name(c) + "> is not a CAP 1.2 element of <" + local_name(parent) + ">", false;
        const size_t index = static_cast<size_t>(it - order.begin());
        if (index < at) return error = "<" + local_name(c) + "> is out of order in <" + local_name(parent) + "> (CAP 1.2 fixes the order)", false;
        at = index;
    }
    return true;
}

template <class F> void each(const pugi::xml_node& parent, const char* name, F f) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (is_cap(c) && local_name(c) == name) f(c);
}

std::string child(const pugi::xml_node& parent, const char* name) {
    std::string out;
    each(parent, name, [&](const pugi::xml_node& c) { out = text_of(c); });
    return out;
}

bool read_area(const pugi::xml_node& n, CapArea& area, std::string& error) {
    if (!check_order(n, {"areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"}, error)) return false;
    area.desc = child(n, "areaDesc");
    each(n, "polygon", [&](const pugi::xml_node& c) { area.polygons.push_back(text_of(c)); });
    each(n, "circle", [&](const pugi::xml_node& c) { area.circles.push_back(text_of(c)); });
    each(n, "geocode", [&](const pugi::xml_node& c) { area.geocodes.emplace_back(child(c, "valueName"), child(c, "value")); });
    return true;
}

bool read_info(const pugi::xml_node& n, CapInfo& info, std::string& error) {
    if (!check_order(n, {"language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience",
                         "eventCode", "effective", "onset", "expires", "senderName", "headline", "description",
                         "instruction", "web", "contact", "parameter", "resource", "area"}, error))
        return false;
    if (std::string lang = child(n, "language"); !lang.empty()) info.language = lang;
    each(n, "category", [&](const pugi::xml_node& c) { info.categories.push_back(text_of(c)); });
    each(n, "responseType", [&](const pugi::xml_node& c) { info.response_types.push_back(text_of(c)); });
    info.event = child(n, "event");
    info.urgency = child(n, "urgency");
    info.severity = child(n, "severity");
    info.certainty = child(n, "certainty");
    info.effective = child(n, "effective");
    info.onset = child(n, "onset");
    info.expires = child(n, "expires");
    info.sender_name = child(n, "senderName");
    info.headline = child(n, "headline");
    info.description = child(n, "description");
    info.instruction = child(n, "instruction");
    bool ok = true;
    each(n, "area", [&](const pugi::xml_node& c) {
        CapArea area;
        ok = ok && read_area(c, area, error);
        info.areas.push_back(std::move(area));
    });
    return ok;
}

// The <alert> to import: the root, or the single CAP alert inside an EDXL-DE envelope.
pugi::xml_node find_alert(const pugi::xml_document& doc, std::string& error) {
    const pugi::xml_node root = doc.document_element();
    if (is_cap(root) && local_name(root) == "alert") return root;
    if (local_name(root) == "EDXLDistribution") {
        std::vector<pugi::xml_node> found;
        for (pugi::xpath_node x : root.select_nodes("//*[local-name()='alert']"))
            if (is_cap(x.node())) found.push_back(x.node());
        if (found.size() == 1) return found[0];
        error = "the EDXL-DE envelope holds " + std::to_string(found.size()) + " CAP alerts; exactly one can be imported";
        return {};
    }
    if (local_name(root) == "alert")
        error = "<alert> is in namespace '" + namespace_of(root) + "', not CAP 1.2's " + kCapNs;
    else
        error = "the document's root is <" + local_name(root) + ">, not a CAP 1.2 <alert>" +
                (local_name(root) == "alerts" ? " (a list of alerts: import them one by one)" : "");
    return {};
}

}  // namespace

bool parse_cap_xml(const std::string& xml, CapAlert& out, std::string& error) {
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed =
        doc.load_buffer(xml.data(), xml.size(), pugi::parse_default | pugi::parse_doctype, pugi::encoding_auto);
    if (!parsed) return error = std::string("not well-formed XML: ") + parsed.description() + " at byte " + std::to_string(parsed.offset), false;
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_doctype) return error = "documents with a DOCTYPE (DTDs, entities) are not accepted", false;
    const pugi::xml_node alert = find_alert(doc, error);
    if (!alert) return false;
    if (!check_order(alert, {"identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
                             "addresses", "code", "note", "references", "incidents", "info"}, error))
        return false;
    out = CapAlert{};
    out.identifier = child(alert, "identifier");
    out.sender = child(alert, "sender");
    out.sent = child(alert, "sent");
    out.status = child(alert, "status");
    out.msg_type = child(alert, "msgType");
    out.scope = child(alert, "scope");
    const std::string refs = child(alert, "references");
    for (size_t pos = 0; pos < refs.size();) {  // whitespace-separated triples
        const size_t start = refs.find_first_not_of(" \t\r\n", pos);
        if (start == std::string::npos) break;
        const size_t end = refs.find_first_of(" \t\r\n", start);
        out.references.push_back(refs.substr(start, end - start));
        pos = end == std::string::npos ? refs.size() : end;
    }
    bool ok = true;
    each(alert, "info", [&](const pugi::xml_node& n) {
        CapInfo info;
        ok = ok && read_info(n, info, error);
        out.infos.push_back(std::move(info));
    });
    return ok && validate_cap(out, error);
}

}  // namespace elder::server
