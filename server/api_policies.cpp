// Policies and their categories: newest-first lists with cursor paging, incremental `since`
// lists (tombstones for withdrawn items), keyword search, ETag / If-None-Match.
#include <functional>

#include <nlohmann/json.hpp>

#include "answer_cache.hpp"
#include "api.hpp"
#include "change_seq.hpp"
#include "query_params.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kSummaryColumns =
    "id, category_id, title, summary, issuer, published_on, effective_on, tags, updated_seq, deleted";

json summary_of(const Statement& s) {
    if (s.integer(9)) return {{"id", s.integer(0)}, {"deleted", true}, {"updated_seq", s.integer(8)}};
    return {{"id", s.integer(0)},
            {"category_id", s.text(1)},
            {"title", s.text(2)},
            {"summary", s.text(3)},
            {"issuer", s.text(4)},
            {"published_on", s.text(5)},
            {"effective_on", s.is_null(6) ? json(nullptr) : json(s.text(6))},
            {"tags", json::parse(s.text(7), nullptr, false)},
            {"updated_seq", s.integer(8)}};
}

struct ListQuery {
    std::string category, cursor_date, q;
    std::int64_t cursor_id = 0, since = -1, limit = 20;
};

// Checks the query parameters; returns the problems found (RFC 9457 "invalid_params").
json parse_list_query(const Call& call, Database& db, ListQuery& out) {
    json invalid = json::array();
    query_int(call, "limit", 1, 100, out.limit, invalid);
    query_int(call, "since", 0, INT64_MAX / 2, out.since, invalid);
    if (auto it = call.query.find("cursor"); it != call.query.end() &&
        !parse_cursor(it->second, "[0-9]{4}-[0-9]{2}-[0-9]{2}", out.cursor_date, out.cursor_id))
        invalid.push_back({{"name", "cursor"}, {"reason", "is not a cursor this server gave out"}});
    if (auto it = call.query.find("category"); it != call.query.end()) {
        Statement s = db.prepare("SELECT 1 FROM policy_categories WHERE id = ?");
        if (!s.bind(1, it->second).step()) invalid.push_back({{"name", "category"}, {"reason", "unknown category"}});
        out.category = it->second;
    }
    if (auto it = call.query.find("q"); it != call.query.end()) out.q = it->second;
    return invalid;
}

std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out + "%";
}

json list_policies(Database& db, const ListQuery& q) {
    std::string sql = std::string("SELECT ") + kSummaryColumns + " FROM policies WHERE 1=1";
    if (q.since < 0) sql += " AND deleted = 0";
    else sql += " AND updated_seq > ?1";
    if (!q.category.empty()) sql += " AND category_id = ?2";
    // lower(): SQLite's LIKE ignores the case of Latin letters and PostgreSQL's does not; both do so.
    if (!q.q.empty())
        sql += " AND (lower(title) LIKE lower(?3) ESCAPE '\\' OR lower(summary) LIKE lower(?3) ESCAPE '\\' OR "
               "lower(body) LIKE lower(?3) ESCAPE '\\' OR lower(tags) LIKE lower(?3) ESCAPE '\\')";
    if (q.since < 0 && !q.cursor_date.empty()) sql += " AND (published_on < ?4 OR (published_on = ?4 AND id < ?5))";
    sql += q.since < 0 ? " ORDER BY published_on DESC, id DESC" : " ORDER BY updated_seq ASC";
    sql += " LIMIT ?6";
    Statement s = db.prepare(sql);
    if (q.since >= 0) s.bind(1, q.since);
    if (!q.category.empty()) s.bind(2, q.category);
    if (!q.q.empty()) s.bind(3, like_pattern(q.q));
    if (!q.cursor_date.empty()) s.bind(4, q.cursor_date).bind(5, q.cursor_id);
    s.bind(6, q.limit + 1);  // one extra row tells whether another page exists

    json next;
    const json items = read_page(s, q.limit, summary_of, [&](const json& last) {
        return q.since < 0 ? json(last["published_on"].get<std::string>() + "_" + std::to_string(last["id"].get<std::int64_t>()))
                           : json(last["updated_seq"]);
    }, next);
    json body{{"items", items}, {"seq", current_change_seq(db)}};
    body[q.since < 0 ? "next_cursor" : "next_since"] = next;
    return body;
}

}  // namespace

void add_policy_routes(Router& router, Database& db) {
    auto answers = std::make_shared<AnswerCache>();
    router.add(http::verb::get, "/api/v1/policy-categories", [&db, answers](const Call& call) {
        const std::string etag = "\"categories-" + std::to_string(current_change_seq(db)) + "\"";
        return respond_cached(call.request, *answers, etag, [&db] {
            Statement s = db.prepare(
                "SELECT c.id, c.name, (SELECT COUNT(*) FROM policies p WHERE p.category_id = c.id AND p.deleted = 0) "
                "FROM policy_categories c ORDER BY c.sort_order, c.id");
            json items = json::array();
            while (s.step()) items.push_back({{"id", s.text(0)}, {"name", s.text(1)}, {"policy_count", s.integer(2)}});
            return json{{"items", items}};
        });
    });

    router.add(http::verb::get, "/api/v1/policies", [&db, answers](const Call& call) {
        ListQuery q;
        json invalid = parse_list_query(call, db, q);
        if (!invalid.empty()) return invalid_query(call, invalid);
        // The list is a function of the content (its change counter) and the query.
        const std::string etag = "\"policies-" + std::to_string(current_change_seq(db)) + "-" +
                                 std::to_string(std::hash<std::string>{}(std::string(call.request.target()))) + "\"";
        return respond_cached(call.request, *answers, etag, [&] { return list_policies(db, q); });
    });

    router.add(http::verb::get, "/api/v1/policies/{id}", [&db](const Call& call) {
        std::int64_t id;
        if (!path_id(call, id)) return problem(http::status::not_found, "Not found", "没有找到这条政策。", call.request);
        Statement s = db.prepare(std::string("SELECT ") + kSummaryColumns + ", body FROM policies WHERE id = ?");
        if (!s.bind(1, id).step() || s.integer(9))
            return problem(http::status::not_found, "Not found", "没有找到这条政策，它可能已经撤下了。", call.request);
        const std::string etag = "\"policy-" + std::to_string(id) + "-" + std::to_string(s.integer(8)) + "\"";
        return respond_with_etag(call.request, etag, [&s] {
            json body = summary_of(s);
            body["body"] = s.text(10);
            return body;
        });
    });
}

}  // namespace elder::server
