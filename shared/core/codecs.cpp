#include "codecs.hpp"

#include "json_fields.hpp"

namespace elder {
namespace {

using nlohmann::json;
constexpr std::int64_t kMaxId = INT64_C(1) << 53;  // JSON numbers beyond this lose precision in browsers
constexpr std::int64_t kMaxCount = 1000000;

bool policy(const json& j, const std::string& path, Policy& p, std::string& error, bool detail) {
    p = Policy{};
    JsonFields f(j, path, error);
    f.integer("id", p.id, 1, kMaxId);
    f.integer("updated_seq", p.updated_seq, 0, kMaxId);
    const auto deleted = f.ok() ? j.find("deleted") : j.end();
    if (deleted != j.end() && deleted->is_boolean() && deleted->get<bool>()) {
        p.deleted = true;
        return f.ok();
    }
    f.text("category_id", p.category_id, 100);
    f.text("title", p.title, 1000);
    f.text("summary", p.summary, 5000);
    f.text("issuer", p.issuer, 1000);
    f.text("published_on", p.published_on, 40);
    f.optional_text("effective_on", p.effective_on, 40);
    f.texts("tags", p.tags, 100);
    if (detail) f.text("body", p.body, 200000);
    return f.ok();
}

bool category(const json& j, const std::string& path, PolicyCategory& c, std::string& error) {
    JsonFields f(j, path, error);
    f.text("id", c.id, 100);
    f.text("name", c.name, 200);
    f.integer("policy_count", c.policy_count, 0, kMaxCount);
    return f.ok();
}

bool guide(const json& j, const std::string& path, Guide& g, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", g.id, 1, kMaxId);
    for (auto [name, field] : {std::pair{"theme", &g.theme}, {"title", &g.title}, {"what", &g.what}, {"who", &g.who},
                               {"place", &g.place}, {"hours", &g.hours}, {"fee", &g.fee},
                               {"processing_time", &g.processing_time}})
        f.text(name, *field, 10000);
    f.texts("materials", g.materials, 100);
    f.texts("steps", g.steps, 100);
    f.boolean("online", g.online);
    f.optional_text("online_url", g.online_url, 2000);
    f.boolean("bookable", g.bookable);
    f.optional_integer("schedule_id", g.schedule_id, 1, kMaxId);
    if (f.ok() && g.bookable && !g.schedule_id) f.fail("schedule_id", "missing for a bookable guide");
    return f.ok();
}

bool contact(const json& j, const std::string& path, Contact& c, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", c.id, 1, kMaxId);
    for (auto [name, field] : {std::pair{"organisation", &c.organisation}, {"role", &c.role}, {"name", &c.name},
                               {"phone", &c.phone}, {"hours", &c.hours}, {"address", &c.address}})
        f.text(name, *field, 1000);
    return f.ok();
}

bool activity(const json& j, const std::string& path, Activity& a, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", a.id, 1, kMaxId);
    f.text("title", a.title, 1000);
    f.text("description", a.description, 20000);
    f.text("place", a.place, 1000);
    f.text("start", a.start, 40);
    f.text("end", a.end, 40);
    f.integer("capacity", a.capacity, 0, kMaxCount);
    f.integer("seats_left", a.seats_left, 0, a.capacity);
    f.optional_integer("schedule_id", a.schedule_id, 1, kMaxId);
    return f.ok();
}

bool slot(const json& j, const std::string& path, Slot& s, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", s.id, 1, kMaxId);
    f.integer("schedule_id", s.schedule_id, 1, kMaxId);
    f.text("start", s.start, 40);
    f.text("end", s.end, 40);
    f.one_of("status", s.status, {"free", "busy"});
    f.integer("capacity", s.capacity, 1, kMaxCount);
    f.integer("seats_left", s.seats_left, 0, s.capacity);  // more seats left than exist is absurd
    return f.ok();
}

bool schedule(const json& j, const std::string& path, Schedule& s, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", s.id, 1, kMaxId);
    f.text("service", s.service, 1000);
    f.text("place", s.place, 1000);
    f.boolean("active", s.active);
    if (f.ok() && j.contains("needs_id_number")) f.boolean("needs_id_number", s.needs_id_number);
    f.optional_integer("guide_id", s.guide_id, 1, kMaxId);
    f.optional_integer("activity_id", s.activity_id, 1, kMaxId);
    return f.ok();
}

bool appointment(const json& j, const std::string& path, Appointment& a, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", a.id, 1, kMaxId);
    f.text("code", a.code, 40);
    f.text("service", a.service, 1000);
    f.text("place", a.place, 1000);
    f.one_of("status", a.status, {"booked", "cancelled", "fulfilled", "noshow"});
    f.text("name", a.name, 200);
    f.text("created", a.created, 40);
    f.optional_text("cancelled_at", a.cancelled_at, 40);
    f.optional_text("cancel_reason", a.cancel_reason, 1000);
    f.texts("materials", a.materials, 100);
    if (f.ok() && !j.contains("slot")) f.fail("slot", "missing");
    return f.ok() && slot(j["slot"], path.empty() ? "slot" : path + ".slot", a.slot, error);
}

bool alert_info(const json& j, const std::string& path, AlertInfo& i, std::string& error) {
    JsonFields f(j, path, error);
    f.optional_text("language", i.language, 40);
    f.texts("category", i.categories, 20);
    f.text("event", i.event, 1000);
    f.text("urgency", i.urgency, 40);
    f.text("severity", i.severity, 40);
    f.text("certainty", i.certainty, 40);
    for (auto [name, field] : {std::pair{"headline", &i.headline}, {"description", &i.description},
                               {"instruction", &i.instruction}, {"senderName", &i.sender_name},
                               {"effective", &i.effective}, {"expires", &i.expires}})
        f.optional_text(name, *field, 50000);
    if (f.ok() && j.contains("area")) {
        if (!j["area"].is_array()) f.fail("area", "must be a list");
        else
            for (const auto& a : j["area"])
                if (a.is_object() && a.contains("areaDesc") && a["areaDesc"].is_string()) i.areas.push_back(a["areaDesc"]);
    }
    return f.ok();
}

bool alert(const json& j, const std::string& path, Alert& a, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", a.id, 1, kMaxId);
    for (auto [name, field] : {std::pair{"identifier", &a.identifier}, {"sender", &a.sender}, {"sent", &a.sent},
                               {"status", &a.status}, {"msgType", &a.msg_type}, {"scope", &a.scope}})
        f.text(name, *field, 1000);
    f.optional_text("colour_level", a.colour_level, 10);
    f.boolean("active", a.active);
    f.objects("info", a.infos, alert_info, 50);
    return f.ok();
}

bool help_request(const json& j, const std::string& path, HelpRequest& h, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", h.id, 1, kMaxId);
    f.text("ticket", h.ticket, 40);
    f.one_of("kind", h.kind, {"sos", "repair", "complaint", "callback"});
    f.optional_text("message", h.message, 5000);
    f.one_of("status", h.status, {"received", "accepted", "in_progress", "done"});
    f.optional_text("note", h.note, 5000);
    f.text("created", h.created, 40);
    f.optional_text("updated", h.updated, 40);
    f.optional_text("handled_by", h.handled_by, 200);
    return f.ok();
}

template <class T, class F>
bool items(const json& j, std::vector<T>& out, std::string& error, F item) {
    JsonFields f(j, "", error);
    f.objects("items", out, item);
    return f.ok();
}

bool detail_policy(const json& j, const std::string& path, Policy& p, std::string& error) {
    return policy(j, path, p, error, true);
}
bool summary_policy(const json& j, const std::string& path, Policy& p, std::string& error) {
    return policy(j, path, p, error, false);
}

}  // namespace

bool decode(const json& j, Site& s, std::string& error) {
    JsonFields f(j, "", error);
    f.text("community_name", s.community_name, 200);
    f.text("address", s.address, 1000);
    f.text("hotline", s.hotline, 100);
    f.texts("enabled_functions", s.enabled_functions, 50);
    f.integer("kiosk_idle_timeout_s", s.kiosk_idle_timeout_s, 30, 3600);
    std::optional<std::int64_t> offset;
    f.optional_integer("utc_offset_minutes", offset, -12 * 60, 14 * 60);
    if (offset) s.utc_offset_minutes = *offset;
    f.optional_text("public_url", s.public_url, 200);
    return f.ok();
}

bool decode(const json& j, PolicyPage& p, std::string& error) {
    JsonFields f(j, "", error);
    f.objects("items", p.items, summary_policy);
    f.integer("seq", p.seq, 0, kMaxId);
    f.optional_text("next_cursor", p.next_cursor, 200);
    f.optional_integer("next_since", p.next_since, 0, kMaxId);
    return f.ok();
}

bool decode(const json& j, Policy& p, std::string& error) { return detail_policy(j, "", p, error); }
bool decode(const json& j, Alert& a, std::string& error) { return alert(j, "", a, error); }
bool decode(const json& j, Appointment& a, std::string& error) { return appointment(j, "", a, error); }
bool decode(const json& j, HelpRequest& h, std::string& error) { return help_request(j, "", h, error); }

bool decode(const json& j, Problem& p, std::string& error) {
    JsonFields f(j, "", error);
    f.integer("status", p.status, 400, 599);
    f.optional_text("title", p.title, 1000);
    f.text("detail", p.detail, 5000);
    if (f.ok() && j.contains("retry_after_s")) f.integer("retry_after_s", p.retry_after_s, 0, 24 * 3600);
    if (f.ok() && j.contains("alternatives")) f.objects("alternatives", p.alternatives, slot, 100);
    return f.ok();
}

bool decode(const json& j, Token& t, std::string& error) {
    JsonFields f(j, "", error);
    f.text("token", t.token, 1000);
    f.text("expires_at", t.expires_at, 40);
    return f.ok();
}

bool notice(const json& j, const std::string& path, Notice& n, std::string& error) {
    JsonFields f(j, path, error);
    f.integer("id", n.id, 1, kMaxId);
    f.text("title", n.title, 1000);
    f.text("body", n.body, 20000);
    f.text("published", n.published, 40);
    f.boolean("pinned", n.pinned);
    return f.ok();
}

bool decode(const json& j, DeviceStatus& d, std::string& error) {
    JsonFields f(j, "", error);
    f.integer("id", d.id, 1, kMaxId);
    f.one_of("kind", d.kind, {"stb", "kiosk"});
    f.text("serial", d.serial, 200);
    f.boolean("bound", d.bound);
    f.optional_text("household_name", d.household_name, 200);
    f.optional_text("household_phone", d.household_phone, 40);
    f.optional_text("token", d.token, 1000);
    return f.ok();
}

bool decode(const json& j, ReceiptAnswer& r, std::string& error) {
    JsonFields f(j, "", error);
    f.integer("alert_id", r.alert_id, 1, kMaxId);
    f.boolean("household_confirmed", r.household_confirmed);
    return f.ok();
}

bool decode(const json& j, AlertConfirmed& c, std::string& error) {
    JsonFields f(j, "", error);
    f.integer("alert_id", c.alert_id, 1, kMaxId);
    return f.ok();
}

bool decode(const json& j, CheckInState& c, std::string& error) {
    JsonFields f(j, "", error);
    f.boolean("enrolled", c.enrolled);
    f.text("day", c.day, 10);
    f.optional_text("deadline", c.deadline, 5);
    if (f.ok() && j.contains("away_today")) f.boolean("away_today", c.away_today);
    f.optional_text("checked_in_at", c.checked_in_at, 40);
    return f.ok();
}

bool decode(const json& j, std::vector<PolicyCategory>& out, std::string& error) { return items(j, out, error, category); }
bool decode(const json& j, std::vector<Guide>& out, std::string& error) { return items(j, out, error, guide); }
bool decode(const json& j, std::vector<Contact>& out, std::string& error) { return items(j, out, error, contact); }
bool decode(const json& j, std::vector<Activity>& out, std::string& error) { return items(j, out, error, activity); }
bool decode(const json& j, std::vector<Notice>& out, std::string& error) { return items(j, out, error, notice); }
bool decode(const json& j, std::vector<Slot>& out, std::string& error) { return items(j, out, error, slot); }
bool decode(const json& j, std::vector<Schedule>& out, std::string& error) { return items(j, out, error, schedule); }
bool decode(const json& j, std::vector<Alert>& out, std::string& error) { return items(j, out, error, alert); }
bool decode(const json& j, std::vector<Appointment>& out, std::string& error) { return items(j, out, error, appointment); }
bool decode(const json& j, std::vector<HelpRequest>& out, std::string& error) { return items(j, out, error, help_request); }

template <class T>
bool decode_text(std::string_view text, T& out, std::string& error) {
    out = T{};  // nothing of an earlier value survives a decode
    json j;
    return parse_json(text, j, error) && decode(j, out, error);
}

template bool decode_text(std::string_view, Site&, std::string&);
template bool decode_text(std::string_view, PolicyPage&, std::string&);
template bool decode_text(std::string_view, Policy&, std::string&);
template bool decode_text(std::string_view, Alert&, std::string&);
template bool decode_text(std::string_view, Appointment&, std::string&);
template bool decode_text(std::string_view, HelpRequest&, std::string&);
template bool decode_text(std::string_view, Problem&, std::string&);
template bool decode_text(std::string_view, Token&, std::string&);
template bool decode_text(std::string_view, DeviceStatus&, std::string&);
template bool decode_text(std::string_view, ReceiptAnswer&, std::string&);
template bool decode_text(std::string_view, AlertConfirmed&, std::string&);
template bool decode_text(std::string_view, CheckInState&, std::string&);
template bool decode_text(std::string_view, std::vector<Schedule>&, std::string&);
template bool decode_text(std::string_view, std::vector<PolicyCategory>&, std::string&);
template bool decode_text(std::string_view, std::vector<Guide>&, std::string&);
template bool decode_text(std::string_view, std::vector<Contact>&, std::string&);
template bool decode_text(std::string_view, std::vector<Activity>&, std::string&);
template bool decode_text(std::string_view, std::vector<Notice>&, std::string&);
template bool decode_text(std::string_view, std::vector<Slot>&, std::string&);
template bool decode_text(std::string_view, std::vector<Alert>&, std::string&);
template bool decode_text(std::string_view, std::vector<Appointment>&, std::string&);
template bool decode_text(std::string_view, std::vector<HelpRequest>&, std::string&);

}  // namespace elder
