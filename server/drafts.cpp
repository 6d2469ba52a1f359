#include "drafts.hpp"

#include <ctime>
#include <vector>

#include "audit.hpp"
#include "cap.hpp"
#include "china_time.hpp"
#include "content_kinds.hpp"

namespace elder::server {

std::int64_t publish_draft_now(Database& db, std::int64_t id) {
    Statement s = db.prepare("SELECT kind, target_id, fields FROM content_drafts WHERE id = ?");
    if (!s.bind(1, id).step()) return 0;
    const ContentKind* kind = find_kind(s.text(0));
    const std::int64_t target = s.is_null(1) ? 0 : s.integer(1);
    nlohmann::json problems = nlohmann::json::array();
    const nlohmann::json fields = validate_fields(db, *kind, nlohmann::json::parse(s.text(2)), problems);
    if (!problems.empty() || (target && !live_fields(db, *kind, target))) {  // e.g. a category removed, or the item withdrawn meanwhile
        db.prepare("UPDATE content_drafts SET state = 'rejected', note = ?, publish_at = NULL WHERE id = ?")
            .bind(1, "到了发布时间，但内容已经不能发布（原来的条目被撤下了，或者有内容不再有效），请检查后重新提交。").bind(2, id).run();
        return 0;
    }
    const std::int64_t live = publish_fields(db, *kind, target, fields);
    db.prepare("UPDATE content_drafts SET state = 'published', target_id = ?, published_at = ? WHERE id = ?")
        .bind(1, live).bind(2, now_iso()).bind(3, id).run();
    return live;
}

int publish_due_drafts(Database& db, Alerts& alerts) {
    const long long now = now_s();
    std::vector<std::pair<std::int64_t, std::string>> due;
    Statement s = db.prepare("SELECT id, publish_at FROM content_drafts WHERE state = 'scheduled' ORDER BY id");
    while (s.step()) {
        long long at = 0;
        if (cap_time_to_epoch(s.text(1), at) && at <= now) due.emplace_back(s.integer(0), "");
    }
    int published = 0;
    for (const auto& [id, unused] : due) {
        Transaction tx(db);
        // Another replica may have published it since the list was read: the write lock is held now.
        Statement d = db.prepare("SELECT kind, approver_id FROM content_drafts WHERE id = ? AND state = 'scheduled'");
        if (!d.bind(1, id).step()) continue;
        const std::string kind = d.text(0);
        StaffCaller approver;
        if (const auto m = find_staff(db, d.integer(1))) approver.member = *m;
        const std::int64_t live = publish_draft_now(db, id);
        audit(db, approver, "scheduled", live ? "draft.publish" : "draft.reject", "draft:" + std::to_string(id), nullptr,
              {{"scheduled", true}, {"live_id", live}});
        tx.commit();
        if (live) {
            alerts.content_changed(kind);
            ++published;
        }
    }
    return published;
}

}  // namespace elder::server
