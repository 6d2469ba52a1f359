// CAP 1.2 XML import with pugixml. pugixml never loads external DTDs or entities; on top of that a
// document with a DOCTYPE is refused outright, so nothing in it is even looked at.
//
// The importer runs on the server's only I/O thread, so its cost must be bounded by the input's
// size: one non-recursive pass right after parsing checks the limits and the text, and resolves
// every element's namespace once (walking up the parents per element was quadratic in depth).
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cap.hpp"
#include "core/validators.hpp"

namespace elder::server {
namespace {

constexpr const char* kCapNs = "urn:oasis:names:tc:emergency:cap:1.2";
// Real messages nest at most 9 deep (CAP inside an EDXL-DE envelope) and hold a few hundred
// elements; a national feed's largest about a thousand.
constexpr int kMaxDepth = 32;
constexpr size_t kMaxElements = 5000;

std::string local_name(const pugi::xml_node& n) {
    const char* name = n.name();
    const char* colon = std::strchr(name, ':');
    return colon ? colon + 1 : name;
}

// Every element of the document in document order, with its namespace URI, as the one pass found
// them. The URIs point into the document, which outlives this.
class Elements {
public:
    std::string_view namespace_of(const pugi::xml_node& n) const {
        const auto it = uri_.find(n.internal_object());
        return it == uri_.end() ? std::string_view() : it->second;
    }
    bool is_cap(const pugi::xml_node& n) const { return n.type() == pugi::node_element && namespace_of(n) == kCapNs; }
    const std::vector<pugi::xml_node>& all() const { return order_; }
    void add(const pugi::xml_node& n, std::string_view uri) {
        order_.push_back(n);
        uri_.emplace(n.internal_object(), uri);
    }

private:
    std::vector<pugi::xml_node> order_;
    std::unordered_map<const void*, std::string_view> uri_;
};

// The namespace bindings in scope: one stack of URIs per prefix ("" for the default namespace).
class Scopes {
public:
    void enter(const pugi::xml_node& n) { each_declaration(n, [&](std::string_view prefix, std::string_view uri) { stacks_[std::string(prefix)].push_back(uri); }); }
    void leave(const pugi::xml_node& n) { each_declaration(n, [&](std::string_view prefix, std::string_view) { stacks_[std::string(prefix)].pop_back(); }); }
    std::string_view uri_of(const pugi::xml_node& n) const {
        const std::string_view name = n.name();
        const size_t colon = name.find(':');
        const auto it = stacks_.find(std::string(colon == std::string_view::npos ? std::string_view() : name.substr(0, colon)));
        return it == stacks_.end() || it->second.empty() ? std::string_view() : it->second.back();
    }

private:
    template <class F> static void each_declaration(const pugi::xml_node& n, F f) {
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
            const std::string_view name = a.name();
            if (name == "xmlns") f(std::string_view(), a.value());
            else if (name.rfind("xmlns:", 0) == 0) f(name.substr(6), a.value());
        }
    }
    std::unordered_map<std::string, std::vector<std::string_view>> stacks_;
};

// Text that is not UTF-8 would break the JSON the alert is stored and served as.
bool node_text_is_utf8(const pugi::xml_node& n) {
    if (!valid_utf8(n.name()) || !valid_utf8(n.value())) return false;
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (!valid_utf8(a.name()) || !valid_utf8(a.value())) return false;
    return true;
}

std::string element_words(const pugi::xml_node& n) {
    const pugi::xml_node e = n.type() == pugi::node_element ? n : n.parent();
    return e && e.type() == pugi::node_element && valid_utf8(e.name()) ? " (in <" + local_name(e) + ">)" : "";
}

// The one pass over the parsed tree, before anything else looks at it: depth and element count
// within the limits, all text UTF-8, and each element's namespace. Iterative (a recursion would
// follow the attacker's nesting down the stack) and linear in the number of nodes and attributes.
bool scan(const pugi::xml_document& doc, Elements& elements, std::string& error) {
    Scopes scopes;
    int depth = 0;
    pugi::xml_node n = doc.first_child();
    while (n) {
        if (!node_text_is_utf8(n)) return error = "the document is not valid UTF-8" + element_words(n), false;
        const bool element = n.type() == pugi::node_element;
        if (element) {
            if (depth + 1 > kMaxDepth)
                return error = "elements are nested more than " + std::to_string(kMaxDepth) + " deep; CAP alerts need far fewer", false;
            if (elements.all().size() == kMaxElements)
                return error = "the document has more than " + std::to_string(kMaxElements) + " elements; a CAP alert needs far fewer", false;
            scopes.enter(n);
            elements.add(n, scopes.uri_of(n));
        }
        if (element && n.first_child()) {  // down
            ++depth;
            n = n.first_child();
            continue;
        }
        if (element) scopes.leave(n);
        while (n && !n.next_sibling()) {  // up until there is a next sibling
            n = n.parent();
            if (n && n.type() == pugi::node_element) {
                --depth;
                scopes.leave(n);
            }
        }
        if (n) n = n.next_sibling();
    }
    return true;
}

std::string trimmed(const char* text) {
    std::string s = text;
    const size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string text_of(const pugi::xml_node& n) { return trimmed(n.child_value()); }

// Checks that the CAP children of `parent` come in schema order and are all known. Elements of
// other namespaces (XML signatures) may follow.
bool check_order(const Elements& e, const pugi::xml_node& parent, const std::vector<std::string>& order, std::string& error) {
    size_t at = 0;
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
        if (!e.is_cap(c)) continue;
        const auto it = std::find(order.begin(), order.end(), local_name(c));
        if (it == order.end()) return error = "<" + local_name(c) + "> is not a CAP 1.2 element of <" + local_name(parent) + ">", false;
        const size_t index = static_cast<size_t>(it - order.begin());
        if (index < at) return error = "<" + local_name(c) + "> is out of order in <" + local_name(parent) + "> (CAP 1.2 fixes the order)", false;
        at = index;
    }
    return true;
}

template <class F> void each(const Elements& e, const pugi::xml_node& parent, const char* name, F f) {
    for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling())
        if (e.is_cap(c) && local_name(c) == name) f(c);
}

std::string child(const Elements& e, const pugi::xml_node& parent, const char* name) {
    std::string out;
    each(e, parent, name, [&](const pugi::xml_node& c) { out = text_of(c); });
    return out;
}

bool read_area(const Elements& e, const pugi::xml_node& n, CapArea& area, std::string& error) {
    if (!check_order(e, n, {"areaDesc", "polygon", "circle", "geocode", "altitude", "ceiling"}, error)) return false;
    area.desc = child(e, n, "areaDesc");
    each(e, n, "polygon", [&](const pugi::xml_node& c) { area.polygons.push_back(text_of(c)); });
    each(e, n, "circle", [&](const pugi::xml_node& c) { area.circles.push_back(text_of(c)); });
    each(e, n, "geocode", [&](const pugi::xml_node& c) { area.geocodes.emplace_back(child(e, c, "valueName"), child(e, c, "value")); });
    return true;
}

bool read_info(const Elements& e, const pugi::xml_node& n, CapInfo& info, std::string& error) {
    if (!check_order(e, n, {"language", "category", "event", "responseType", "urgency", "severity", "certainty", "audience",
                            "eventCode", "effective", "onset", "expires", "senderName", "headline", "description",
                            "instruction", "web", "contact", "parameter", "resource", "area"}, error))
        return false;
    if (std::string lang = child(e, n, "language"); !lang.empty()) info.language = lang;
    each(e, n, "category", [&](const pugi::xml_node& c) { info.categories.push_back(text_of(c)); });
    each(e, n, "responseType", [&](const pugi::xml_node& c) { info.response_types.push_back(text_of(c)); });
    info.event = child(e, n, "event");
    info.urgency = child(e, n, "urgency");
    info.severity = child(e, n, "severity");
    info.certainty = child(e, n, "certainty");
    info.effective = child(e, n, "effective");
    info.onset = child(e, n, "onset");
    info.expires = child(e, n, "expires");
    info.sender_name = child(e, n, "senderName");
    info.headline = child(e, n, "headline");
    info.description = child(e, n, "description");
    info.instruction = child(e, n, "instruction");
    bool ok = true;
    each(e, n, "area", [&](const pugi::xml_node& c) {
        CapArea area;
        ok = ok && read_area(e, c, area, error);
        info.areas.push_back(std::move(area));
    });
    return ok;
}

// The <alert> to import: the root, or the single CAP alert inside an EDXL-DE envelope.
pugi::xml_node find_alert(const Elements& e, const pugi::xml_document& doc, std::string& error) {
    const pugi::xml_node root = doc.document_element();
    if (e.is_cap(root) && local_name(root) == "alert") return root;
    if (local_name(root) == "EDXLDistribution") {
        std::vector<pugi::xml_node> found;
        for (const pugi::xml_node& n : e.all())
            if (e.is_cap(n) && local_name(n) == "alert") found.push_back(n);
        if (found.size() == 1) return found[0];
        error = "the EDXL-DE envelope holds " + std::to_string(found.size()) + " CAP alerts; exactly one can be imported";
        return {};
    }
    if (local_name(root) == "alert")
        error = "<alert> is in namespace '" + std::string(e.namespace_of(root)) + "', not CAP 1.2's " + kCapNs;
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
    Elements e;
    if (!scan(doc, e, error)) return false;
    for (pugi::xml_node n = doc.first_child(); n; n = n.next_sibling())
        if (n.type() == pugi::node_doctype) return error = "documents with a DOCTYPE (DTDs, entities) are not accepted", false;
    const pugi::xml_node alert = find_alert(e, doc, error);
    if (!alert) return false;
    if (!check_order(e, alert, {"identifier", "sender", "sent", "status", "msgType", "source", "scope", "restriction",
                                "addresses", "code", "note", "references", "incidents", "info"}, error))
        return false;
    out = CapAlert{};
    out.identifier = child(e, alert, "identifier");
    out.sender = child(e, alert, "sender");
    out.sent = child(e, alert, "sent");
    out.status = child(e, alert, "status");
    out.msg_type = child(e, alert, "msgType");
    out.scope = child(e, alert, "scope");
    const std::string refs = child(e, alert, "references");
    for (size_t pos = 0; pos < refs.size();) {  // whitespace-separated triples
        const size_t start = refs.find_first_not_of(" \t\r\n", pos);
        if (start == std::string::npos) break;
        const size_t end = refs.find_first_of(" \t\r\n", start);
        out.references.push_back(refs.substr(start, end - start));
        pos = end == std::string::npos ? refs.size() : end;
    }
    bool ok = true;
    each(e, alert, "info", [&](const pugi::xml_node& n) {
        CapInfo info;
        ok = ok && read_info(e, n, info, error);
        out.infos.push_back(std::move(info));
    });
    return ok && validate_cap(out, error);
}

}  // namespace elder::server
