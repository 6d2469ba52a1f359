// Community notices (社区公告): read-only for everyone. Pinned notices come first, then the newest;
// withdrawn ones are gone. Staff write them as drafts (api_drafts.cpp, content kind "notices").
#include <functional>

#include <nlohmann/json.hpp>

#include "answer_cache.hpp"
#include "api.hpp"
#include "change_seq.hpp"
#include "query_params.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kColumns = "id, title, body, published, pinned";

json notice_json(const Statement& s) {
    return {{"id", s.integer(0)}, {"title", s.text(1)}, {"body", s.text(2)}, {"published", s.text(3)}, {"pinned", s.integer(4) != 0}};
}

// A cursor is the last item's place in the order: "1" or "0" (pinned), its time, "_", its id.
std::string cursor_of(const json& last) {
    return std::string(last["pinned"].get<bool>() ? "1" : "0") + last["published"].get<std::string>() + "_" +
           std::to_string(last["id"].get<std::int64_t>());
}

}  // namespace

void add_notice_routes(Router& router, Database& db) {
    auto answers = std::make_shared<AnswerCache>();
    router.add(http::verb::get, "/api/v1/notices", [&db, answers](const Call& call) {
        json invalid = json::array();
        std::int64_t limit = 20, after_id = 0, after_pinned = -1;  // -1: from the start
        std::string after;
        query_int(call, "limit", 1, 100, limit, invalid);
        if (auto it = call.query.find("cursor"); it != call.query.end()) {
            if (parse_cursor(it->second, "[01][0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\+08:00", after, after_id)) {
                after_pinned = after[0] - '0';
                after.erase(0, 1);
            } else {
                invalid.push_back({{"name", "cursor"}, {"reason", "is not a cursor this server gave out"}});
            }
        }
        if (!invalid.empty()) return invalid_query(call, invalid);
        // The list is a function of the content (its change counter) and the query.
        const std::string etag = "\"notices-" + std::to_string(current_change_seq(db)) + "-" +
                                 std::to_string(std::hash<std::string>{}(std::string(call.request.target()))) + "\"";
        return respond_cached(call.request, *answers, etag, [&] {
            Statement s = db.prepare(std::string("SELECT ") + kColumns +
                                     " FROM notices WHERE deleted = 0 AND (?1 < 0 OR pinned < ?1 OR (pinned = ?1 AND "
                                     "(published < ?2 OR (published = ?2 AND id < ?3)))) "
                                     "ORDER BY pinned DESC, published DESC, id DESC LIMIT ?4");
            s.bind(1, after_pinned).bind(2, after).bind(3, after_id).bind(4, limit + 1);  // one extra row: is there more?
            json next;
            const json items = read_page(s, limit, notice_json, [](const json& last) { return json(cursor_of(last)); }, next);
            return json{{"items", items}, {"next_cursor", next}};
        });
    });
    router.add(http::verb::get, "/api/v1/notices/{id}", [&db](const Call& call) {
        std::int64_t id;
        Statement s = db.prepare(std::string("SELECT ") + kColumns + " FROM notices WHERE id = ? AND deleted = 0");
        if (!path_id(call, id) || !s.bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这条公告。", call.request);
        const std::string etag = "\"notice-" + std::to_string(id) + "-" + std::to_string(current_change_seq(db)) + "\"";
        return respond_with_etag(call.request, etag, [&s] { return notice_json(s); });
    });
}

}  // namespace elder::server
