// Publishing public content (policies, guides, contacts, activities, notices) with two people
// (GOV.UK's rule): an editor writes a draft (new, or an edit of a live item), saves it as often as
// needed (the answer lists what is still missing), submits it; an approver who is not its author
// publishes it now or at a set time, or sends it back with a note. Approvers withdraw live items.
// Every step is audited; a publication tells the apps' streams (`changed`) so that screens update
// within seconds.
#include <ctime>

#include <nlohmann/json.hpp>

#include "api.hpp"
#include "audit.hpp"
#include "cap.hpp"
#include "china_time.hpp"
#include "content_kinds.hpp"
#include "drafts.hpp"
#include "query_params.hpp"
#include "request_body.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr size_t kMaxDraftBytes = 100 * 1024;

struct Draft {
    std::int64_t id = 0, target_id = 0, author_id = 0, approver_id = 0;
    std::string kind, state, publish_at, note, created, updated;
    json fields;
};

std::optional<Draft> load_draft(Database& db, std::int64_t id) {
    Statement s = db.prepare("SELECT id, kind, target_id, fields, state, author_id, approver_id, publish_at, note, created, updated "
                             "FROM content_drafts WHERE id = ?");
    if (!s.bind(1, id).step()) return std::nullopt;
    Draft d;
    d.id = s.integer(0);
    d.kind = s.text(1);
    d.target_id = s.is_null(2) ? 0 : s.integer(2);
    d.fields = json::parse(s.text(3));
    d.state = s.text(4);
    d.author_id = s.integer(5);
    d.approver_id = s.is_null(6) ? 0 : s.integer(6);
    d.publish_at = s.is_null(7) ? "" : s.text(7);
    d.note = s.text(8);
    d.created = s.text(9);
    d.updated = s.text(10);
    return d;
}

json name_of(Database& db, std::int64_t staff_id) {
    const auto m = staff_id ? find_staff(db, staff_id) : std::nullopt;
    return m ? json{{"id", m->id}, {"display_name", m->display_name}} : json(nullptr);
}

// The draft as the console shows it, with what is still missing or wrong before it can go out.
json draft_json(Database& db, const Draft& d, bool detail) {
    const ContentKind* kind = find_kind(d.kind);
    json problems = json::array();
    validate_fields(db, *kind, d.fields, problems);
    const json title = d.fields.value(kind->title_field, json(""));
    json out = {{"id", d.id}, {"kind", d.kind}, {"target_id", d.target_id ? json(d.target_id) : json(nullptr)},
                {"title", title.is_string() ? title : json("")}, {"state", d.state}, {"author", name_of(db, d.author_id)},
                {"approver", name_of(db, d.approver_id)}, {"publish_at", d.publish_at.empty() ? json(nullptr) : json(d.publish_at)},
                {"note", d.note}, {"created", d.created}, {"updated", d.updated}, {"problems", problems}};
    if (detail) {
        out["fields"] = d.fields;
        const auto live = d.target_id ? live_fields(db, *kind, d.target_id) : std::nullopt;
        out["live"] = live ? *live : json(nullptr);
    }
    return out;
}

// The known fields of `in` (a draft may be unfinished), text cleaned at once so that the editor
// and the preview show what will be published; nothing when too large.
std::optional<json> draft_fields(const ContentKind& kind, const json& in) {
    json out = json::object();
    if (!in.is_object()) return std::nullopt;
    for (const FieldSpec& f : kind.fields) {
        if (!in.contains(f.name)) continue;
        json v = in[f.name];
        if (v.is_string() && (f.type == FieldType::Text || f.type == FieldType::Line)) v = clean_pasted_text(v.get<std::string>());
        out[f.name] = v;
    }
    if (out.dump().size() > kMaxDraftBytes) return std::nullopt;
    return out;
}

Response not_found(const Call& call) { return problem(http::status::not_found, "Not found", "没有找到这份草稿。", call.request); }

Response wrong_state(const Call& call, const std::string& detail) {
    return problem(http::status::conflict, "Not in this state", detail, call.request);
}


// Saves a change of state (and the audit entry) in one transaction and answers the draft.
template <class Apply>
Response step(const Call& call, Database& db, const StaffCaller& who, const Draft& before, const std::string& action,
              http::status status, Apply apply) {
    Transaction tx(db);
    apply();
    db.prepare("UPDATE content_drafts SET updated = ? WHERE id = ?").bind(1, now_iso()).bind(2, before.id).run();
    const Draft after = *load_draft(db, before.id);
    audit(db, who, call.peer, action, "draft:" + std::to_string(before.id), draft_json(db, before, false),
          draft_json(db, after, false));
    tx.commit();
    return json_response(status, draft_json(db, after, true), call.request);
}

Response create(const Call& call, Database& db, const StaffCaller& who) {
    json body, invalid = json::array();
    if (auto error = read_json_body(call, body)) return *error;
    const ContentKind* kind = body.value("kind", json()).is_string() ? find_kind(body["kind"]) : nullptr;
    if (!kind) return invalid_body(call, {{{"name", "kind"}, {"reason", "policies, guides, contacts, activities or notices"}}});
    std::int64_t target = 0;
    json fields = json::object();
    if (body.contains("target_id")) {
        const auto live = body["target_id"].is_number_integer() ? live_fields(db, *kind, body["target_id"]) : std::nullopt;
        if (!live) return problem(http::status::not_found, "Not found", "要修改的内容不存在，或者已经撤下了。", call.request);
        target = body["target_id"];
        fields = *live;
    }
    if (body.contains("fields")) {
        const auto given = draft_fields(*kind, body["fields"]);
        if (!given) return invalid_body(call, {{{"name", "fields"}, {"reason", "an object of at most 100 KB"}}});
        fields.update(*given);
    }
    const std::string now = now_iso();
    Transaction tx(db);
    Statement ins = db.prepare("INSERT INTO content_drafts (kind, target_id, fields, state, author_id, created, updated) "
                               "VALUES (?, ?, ?, 'draft', ?, ?, ?)");
    ins.bind(1, kind->name);
    if (target) ins.bind(2, target); else ins.bind_null(2);
    ins.bind(3, fields.dump()).bind(4, who.member.id).bind(5, now).bind(6, now).run();
    const Draft d = *load_draft(db, db.last_insert_id());
    audit(db, who, call.peer, "draft.create", "draft:" + std::to_string(d.id), nullptr, draft_json(db, d, false));
    tx.commit();
    return json_response(http::status::created, draft_json(db, d, true), call.request);
}

Response publish(const Call& call, Database& db, Alerts& alerts, const StaffCaller& who, const Draft& d) {
    if (d.state != "submitted") return wrong_state(call, "这份草稿还没有提交审核。");
    if (d.author_id == who.member.id)
        return problem(http::status::forbidden, "Two-person rule", "自己写的内容不能自己发布，请另一位审核人员发布。", call.request);
    json body = json::object();
    if (!call.request.body().empty())
        if (auto error = read_json_body(call, body)) return *error;
    std::string at;
    long long when = 0;
    if (body.contains("publish_at") && !body["publish_at"].is_null()) {
        if (!body["publish_at"].is_string() || !cap_time_to_epoch(body["publish_at"], when) || when > now_s() + 366LL * 86400)
            return invalid_body(call, {{{"name", "publish_at"}, {"reason", "a date and time with offset, within a year"}}}, "请填写发布时间。");
        if (when > now_s()) at = body["publish_at"];
    }
    json problems = json::array();
    validate_fields(db, *find_kind(d.kind), d.fields, problems);
    if (!problems.empty()) return invalid_body(call, problems, "内容还不完整，请退回编辑修改。");
    if (!at.empty())
        return step(call, db, who, d, "draft.schedule", http::status::ok, [&] {
            db.prepare("UPDATE content_drafts SET state = 'scheduled', approver_id = ?, publish_at = ? WHERE id = ?")
                .bind(1, who.member.id).bind(2, at).bind(3, d.id).run();
        });
    Response res = step(call, db, who, d, "draft.publish", http::status::ok, [&] {
        db.prepare("UPDATE content_drafts SET approver_id = ? WHERE id = ?").bind(1, who.member.id).bind(2, d.id).run();
        publish_draft_now(db, d.id);
    });
    alerts.content_changed(d.kind);
    return res;
}

void add_draft_writes(Router& router, Database& db, StaffAuth& staff) {
    router.add(http::verb::post, "/api/v1/staff/drafts", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        return create(call, db, who);
    });
    router.add(http::verb::put, "/api/v1/staff/drafts/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        if (d->state != "draft" && d->state != "rejected") return wrong_state(call, "这份草稿已经提交或发布了，不能再改。");
        json body;
        if (auto error = read_json_body(call, body)) return *error;
        const auto fields = draft_fields(*find_kind(d->kind), body.value("fields", json()));
        if (!fields) return invalid_body(call, {{{"name", "fields"}, {"reason", "an object of at most 100 KB"}}});
        return step(call, db, who, *d, "draft.update", http::status::ok, [&] {
            db.prepare("UPDATE content_drafts SET fields = ?, state = 'draft' WHERE id = ?").bind(1, fields->dump()).bind(2, d->id).run();
        });
    });
    router.add(http::verb::post, "/api/v1/staff/drafts/{id}/submit", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        if (d->state != "draft" && d->state != "rejected") return wrong_state(call, "这份草稿已经提交了。");
        json problems = json::array();
        validate_fields(db, *find_kind(d->kind), d->fields, problems);
        if (!problems.empty()) return invalid_body(call, problems, "还有内容没填好，请看标出的地方。");
        return step(call, db, who, *d, "draft.submit", http::status::ok, [&] {
            db.prepare("UPDATE content_drafts SET state = 'submitted', note = '' WHERE id = ?").bind(1, d->id).run();
        });
    });
    router.add(http::verb::delete_, "/api/v1/staff/drafts/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        if (d->state == "published" || d->state == "discarded") return wrong_state(call, "这份草稿已经发布或删除了。");
        return step(call, db, who, *d, "draft.discard", http::status::ok, [&] {
            db.prepare("UPDATE content_drafts SET state = 'discarded' WHERE id = ?").bind(1, d->id).run();
        });
    });
}

void add_draft_reviews(Router& router, Database& db, StaffAuth& staff, Alerts& alerts) {
    router.add(http::verb::post, "/api/v1/staff/drafts/{id}/publish", [&db, &staff, &alerts](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kApprover, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        return publish(call, db, alerts, who, *d);
    });
    router.add(http::verb::post, "/api/v1/staff/drafts/{id}/reject", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kApprover, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        if (d->state != "submitted" && d->state != "scheduled") return wrong_state(call, "只有提交审核或定时发布的草稿可以退回。");
        json body, invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string note = string_field(body, "note", true, 1, 500, invalid);
        if (!invalid.empty()) return invalid_body(call, invalid, "请写一句退回的原因，编辑好知道怎么改。");
        return step(call, db, who, *d, "draft.reject", http::status::ok, [&] {
            db.prepare("UPDATE content_drafts SET state = 'rejected', note = ?, publish_at = NULL, approver_id = ? WHERE id = ?")
                .bind(1, note).bind(2, who.member.id).bind(3, d->id).run();
        });
    });
    router.add(http::verb::post, "/api/v1/staff/content/{kind}/{id}/withdraw", [&db, &staff, &alerts](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kApprover, who)) return *refused;
        const ContentKind* kind = find_kind(call.params.at("kind"));
        std::int64_t id;
        const auto live = kind && path_id(call, id) ? live_fields(db, *kind, id) : std::nullopt;
        if (!live) return problem(http::status::not_found, "Not found", "没有找到这条内容，可能已经撤下了。", call.request);
        json body = json::object(), invalid = json::array();
        if (auto error = read_json_body(call, body)) return *error;
        const std::string reason = string_field(body, "reason", true, 1, 200, invalid);
        if (!invalid.empty()) return invalid_body(call, invalid, "请写一句撤下的原因。");
        Transaction tx(db);
        withdraw_item(db, *kind, id);
        audit(db, who, call.peer, "content.withdraw", std::string(kind->name) + ":" + std::to_string(id), *live, {{"reason", reason}});
        tx.commit();
        alerts.content_changed(kind->name);
        return no_content(call.request);
    });
}

const char* type_name(FieldType t) {
    switch (t) {
        case FieldType::Line: return "line";
        case FieldType::Text: return "text";
        case FieldType::Date: return "date";
        case FieldType::DateTime: return "datetime";
        case FieldType::Count: return "count";
        case FieldType::Flag: return "flag";
        case FieldType::Lines: return "lines";
        case FieldType::Category: return "category";
        case FieldType::Schedule: return "schedule";
    }
    return "line";
}

// The kinds and their fields, as content_kinds.cpp declares them: the console builds its forms
// from this, so a field is declared once.
json kinds_json() {
    json out = json::array();
    for (const ContentKind& k : content_kinds()) {
        json fields = json::array();
        for (const FieldSpec& f : k.fields)
            fields.push_back({{"name", f.name}, {"type", type_name(f.type)}, {"required", f.required}, {"min", f.min}, {"max", f.max}});
        out.push_back({{"name", k.name}, {"title_field", k.title_field}, {"fields", fields}});
    }
    return out;
}

void add_draft_reads(Router& router, Database& db, StaffAuth& staff) {
    router.add(http::verb::get, "/api/v1/staff/content-kinds", [&staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kApprover, who)) return *refused;
        return json_response(http::status::ok, {{"items", kinds_json()}}, call.request);
    });
    router.add(http::verb::get, "/api/v1/staff/drafts", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kApprover, who)) return *refused;
        const auto state = call.query.find("state");
        const std::string wanted = state == call.query.end() ? "" : state->second;
        if (wanted.size() > 20) return invalid_query(call, {{{"name", "state"}, {"reason", "unknown state"}}});
        Statement s = db.prepare("SELECT id FROM content_drafts WHERE (?1 = '' AND state NOT IN ('published', 'discarded')) OR state = ?1 "
                                 "ORDER BY id DESC LIMIT 200");
        s.bind(1, wanted);
        json items = json::array();
        while (s.step()) items.push_back(draft_json(db, *load_draft(db, s.integer(0)), false));
        return json_response(http::status::ok, {{"items", items}}, call.request);
    });
    router.add(http::verb::get, "/api/v1/staff/drafts/{id}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kApprover, who)) return *refused;
        std::int64_t id;
        const auto d = path_id(call, id) ? load_draft(db, id) : std::nullopt;
        if (!d) return not_found(call);
        return json_response(http::status::ok, draft_json(db, *d, true), call.request);
    });
    router.add(http::verb::get, "/api/v1/staff/content/{kind}", [&db, &staff](const Call& call) {
        StaffCaller who;
        if (auto refused = staff.refuse(call, kEditor | kApprover, who)) return *refused;
        const ContentKind* kind = find_kind(call.params.at("kind"));
        if (!kind) return problem(http::status::not_found, "Not found", "没有这类内容。", call.request);
        const auto q = call.query.find("q");
        const std::string text = q == call.query.end() ? "" : q->second;
        if (text.size() > 100) return invalid_query(call, {{{"name", "q"}, {"reason", "at most 100 bytes"}}});
        return json_response(http::status::ok, {{"items", live_titles(db, *kind, text, 200)}}, call.request);
    });
}

}  // namespace

void add_draft_routes(Router& router, Database& db, StaffAuth& staff, Alerts& alerts) {
    add_draft_reads(router, db, staff);
    add_draft_writes(router, db, staff);
    add_draft_reviews(router, db, staff, alerts);
}

}  // namespace elder::server
