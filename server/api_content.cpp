// Service guides, contacts and activities: read-only content for everyone.
#include <nlohmann/json.hpp>

#include "answer_cache.hpp"
#include "api.hpp"
#include "change_seq.hpp"
#include "china_time.hpp"
#include "query_params.hpp"

namespace elder::server {
namespace {

using nlohmann::json;

constexpr const char* kGuideColumns =
    "g.id, g.theme, g.title, g.what, g.who, g.materials, g.steps, g.place, g.hours, g.fee, g.processing_time, "
    "g.online, g.online_url, g.schedule_id";

json guide_json(const Statement& s) {
    return {{"id", s.integer(0)},        {"theme", s.text(1)},     {"title", s.text(2)},
            {"what", s.text(3)},         {"who", s.text(4)},       {"materials", json::parse(s.text(5))},
            {"steps", json::parse(s.text(6))}, {"place", s.text(7)}, {"hours", s.text(8)},
            {"fee", s.text(9)},          {"processing_time", s.text(10)}, {"online", s.integer(11) != 0},
            {"online_url", s.is_null(12) ? json(nullptr) : json(s.text(12))},
            {"bookable", !s.is_null(13)},
            {"schedule_id", s.is_null(13) ? json(nullptr) : json(s.integer(13))}};
}

constexpr const char* kActivityColumns =
    "a.id, a.title, a.description, a.place, a.start, a.end, a.capacity, a.schedule_id, "
    "(SELECT COALESCE(SUM(capacity - booked), a.capacity) FROM slots WHERE schedule_id = a.schedule_id)";

json activity_json(const Statement& s) {
    return {{"id", s.integer(0)},       {"title", s.text(1)}, {"description", s.text(2)}, {"place", s.text(3)},
            {"start", s.text(4)},       {"end", s.text(5)},   {"capacity", s.integer(6)},
            {"schedule_id", s.is_null(7) ? json(nullptr) : json(s.integer(7))},
            {"seats_left", s.integer(8)}};
}

void add_guide_routes(Router& router, Database& db) {
    auto answers = std::make_shared<AnswerCache>();
    router.add(http::verb::get, "/api/v1/guides", [&db, answers](const Call& call) {
        json invalid = json::array();
        std::int64_t limit = 20, after = 0;
        query_int(call, "limit", 1, 100, limit, invalid);
        query_int(call, "cursor", 0, INT64_MAX / 2, after, invalid);
        if (!invalid.empty()) return invalid_query(call, invalid);
        // The list is a function of the content (its change counter) and the query.
        const std::string etag = "\"guides-" + std::to_string(current_change_seq(db)) + "-" +
                                 std::to_string(std::hash<std::string>{}(std::string(call.request.target()))) + "\"";
        return respond_cached(call.request, *answers, etag, [&] {
            const auto theme = call.query.find("theme");
            Statement s = db.prepare(std::string("SELECT ") + kGuideColumns + " FROM guides g WHERE g.deleted = 0 AND g.id > ?1" +
                                     (theme != call.query.end() ? " AND g.theme = ?2" : "") + " ORDER BY g.id LIMIT ?3");
            s.bind(1, after).bind(3, limit + 1);
            if (theme != call.query.end()) s.bind(2, theme->second);
            json next;
            const json items = read_page(s, limit, guide_json, [](const json& last) {
                return json(std::to_string(last["id"].get<std::int64_t>()));
            }, next);
            return json{{"items", items}, {"next_cursor", next}};
        });
    });
    router.add(http::verb::get, "/api/v1/guides/{id}", [&db](const Call& call) {
        std::int64_t id;
        Statement s = db.prepare(std::string("SELECT ") + kGuideColumns + " FROM guides g WHERE g.id = ? AND g.deleted = 0");
        if (!path_id(call, id) || !s.bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这项办事指南。", call.request);
        return json_response(http::status::ok, guide_json(s), call.request);
    });
}

void add_contact_routes(Router& router, Database& db) {
    auto answers = std::make_shared<AnswerCache>();
    router.add(http::verb::get, "/api/v1/contacts", [&db, answers](const Call& call) {
        return respond_cached(call.request, *answers, "\"contacts-" + std::to_string(current_change_seq(db)) + "\"", [&db] {
            Statement s = db.prepare("SELECT id, organisation, role, name, phone, hours, address FROM contacts WHERE deleted = 0 ORDER BY id");
            json items = json::array();
            while (s.step())
                items.push_back({{"id", s.integer(0)}, {"organisation", s.text(1)}, {"role", s.text(2)}, {"name", s.text(3)},
                                 {"phone", s.text(4)}, {"hours", s.text(5)}, {"address", s.text(6)}});
            return json{{"items", items}};
        });
    });
}

void add_activity_routes(Router& router, Database& db) {
    router.add(http::verb::get, "/api/v1/activities", [&db](const Call& call) {
        json invalid = json::array();
        std::int64_t limit = 20, cursor_id = 0;
        std::string cursor_start;
        query_int(call, "limit", 1, 100, limit, invalid);
        if (auto it = call.query.find("cursor");
            it != call.query.end() && !parse_cursor(it->second, "[0-9T:+-]{25}", cursor_start, cursor_id))
            invalid.push_back({{"name", "cursor"}, {"reason", "is not a cursor this server gave out"}});
        if (!invalid.empty()) return invalid_query(call, invalid);
        Statement s = db.prepare(std::string("SELECT ") + kActivityColumns +
                                 " FROM activities a WHERE a.deleted = 0 AND a.end >= ?1 AND (?2 = '' OR a.start > ?2 OR "
                                 "(a.start = ?2 AND a.id > ?3)) ORDER BY a.start, a.id LIMIT ?4");
        s.bind(1, now_iso()).bind(2, cursor_start).bind(3, cursor_id).bind(4, limit + 1);
        json next;
        const json items = read_page(s, limit, activity_json, [](const json& last) {
            return json(last["start"].get<std::string>() + "_" + std::to_string(last["id"].get<std::int64_t>()));
        }, next);
        return json_response(http::status::ok, {{"items", items}, {"next_cursor", next}}, call.request);
    });
    router.add(http::verb::get, "/api/v1/activities/{id}", [&db](const Call& call) {
        std::int64_t id;
        Statement s = db.prepare(std::string("SELECT ") + kActivityColumns + " FROM activities a WHERE a.id = ? AND a.deleted = 0");
        if (!path_id(call, id) || !s.bind(1, id).step())
            return problem(http::status::not_found, "Not found", "没有找到这项活动。", call.request);
        return json_response(http::status::ok, activity_json(s), call.request);
    });
}

}  // namespace

void add_content_routes(Router& router, Database& db) {
    add_guide_routes(router, db);
    add_contact_routes(router, db);
    add_activity_routes(router, db);
}

}  // namespace elder::server
