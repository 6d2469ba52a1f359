#include "demo_seed.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "change_seq.hpp"
#include "china_time.hpp"
#include "log.hpp"

namespace elder::server {
namespace {

nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read demo file " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded()) throw std::runtime_error(path + " is not valid JSON");
    return j;
}

// The site settings, not any setting: the server keeps its own keys there too (id_number_key).
bool has_content(Database& db) {
    Statement s = db.prepare("SELECT (SELECT COUNT(*) FROM policies) + (SELECT COUNT(*) FROM settings WHERE key = 'site')");
    s.step();
    return s.integer(0) > 0;
}

void seed_policies(Database& db, const nlohmann::json& doc) {
    int order = 0;
    for (const auto& c : doc.at("categories"))
        db.prepare("INSERT INTO policy_categories (id, name, sort_order) VALUES (?, ?, ?)")
            .bind(1, c.at("id").get<std::string>())
            .bind(2, c.at("name").get<std::string>())
            .bind(3, static_cast<std::int64_t>(order++))
            .run();
    for (const auto& p : doc.at("policies")) {
        Statement s = db.prepare(
            "INSERT INTO policies (category_id, title, summary, body, issuer, published_on, effective_on, tags, "
            "updated_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        s.bind(1, p.at("category").get<std::string>())
            .bind(2, p.at("title").get<std::string>())
            .bind(3, p.at("summary").get<std::string>())
            .bind(4, p.at("body").get<std::string>())
            .bind(5, p.at("issuer").get<std::string>())
            .bind(6, p.at("published_on").get<std::string>());
        if (p.contains("effective_on")) s.bind(7, p["effective_on"].get<std::string>());
        else s.bind_null(7);
        s.bind(8, p.value("tags", nlohmann::json::array()).dump()).bind(9, next_change_seq(db)).run();
    }
}

std::int64_t add_schedule(Database& db, const std::string& service, const std::string& place, bool needs_id,
                          const nlohmann::json& materials) {
    db.prepare("INSERT INTO schedules (service, place, needs_id_number, materials) VALUES (?, ?, ?, ?)")
        .bind(1, service).bind(2, place).bind(3, static_cast<std::int64_t>(needs_id)).bind(4, materials.dump()).run();
    return db.last_insert_id();
}

void add_slot(Database& db, std::int64_t schedule, const std::string& start, const std::string& end, std::int64_t capacity) {
    db.prepare("INSERT INTO slots (schedule_id, start, \"end\", capacity) VALUES (?, ?, ?, ?)")
        .bind(1, schedule).bind(2, start).bind(3, end).bind(4, capacity).run();
}

// The slots of a bookable guide for the next 14 days from tomorrow, on the weekdays and at the
// times its schedule names (within the office hours its guide states, so that the guide and the
// days offered for booking agree); Monday to Friday 9-11 and 14-16 when it names none.
void add_office_slots(Database& db, std::int64_t schedule, const nlohmann::json& plan) {
    const nlohmann::json weekdays = plan.value("weekdays", nlohmann::json{1, 2, 3, 4, 5});
    const nlohmann::json hours =
        plan.value("slots", nlohmann::json{{"09:00", "10:00"}, {"10:00", "11:00"}, {"14:00", "15:00"}, {"15:00", "16:00"}});
    const std::int64_t capacity = plan.at("capacity").get<std::int64_t>();
    for (int day = 1; day <= 14; ++day) {
        const std::string date = date_in_days(day);
        if (std::find(weekdays.begin(), weekdays.end(), weekday_of(date)) == weekdays.end()) continue;
        for (const auto& h : hours) add_slot(db, schedule, at_time(date, h.at(0).get<std::string>()), at_time(date, h.at(1).get<std::string>()), capacity);
    }
}

void seed_guides(Database& db, const nlohmann::json& doc) {
    for (const auto& g : doc.at("guides")) {
        std::int64_t schedule = 0;
        if (g.at("bookable").get<bool>()) {
            const auto& s = g.at("schedule");
            schedule = add_schedule(db, s.at("service").get<std::string>(), g.at("place").get<std::string>(),
                                    s.at("needs_id_number").get<bool>(), g.at("materials"));
            add_office_slots(db, schedule, s);
        }
        Statement st = db.prepare(
            "INSERT INTO guides (theme, title, what, who, materials, steps, place, hours, fee, processing_time, online, "
            "online_url, schedule_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        int i = 1;
        for (const char* key : {"theme", "title", "what", "who"}) st.bind(i++, g.at(key).get<std::string>());
        st.bind(i++, g.at("materials").dump());
        st.bind(i++, g.at("steps").dump());
        for (const char* key : {"place", "hours", "fee", "processing_time"}) st.bind(i++, g.at(key).get<std::string>());
        st.bind(i++, static_cast<std::int64_t>(g.at("online").get<bool>()));
        if (g.contains("online_url")) st.bind(i++, g["online_url"].get<std::string>()); else st.bind_null(i++);
        if (schedule) st.bind(i++, schedule); else st.bind_null(i++);
        st.run();
    }
}

void seed_contacts(Database& db, const nlohmann::json& doc) {
    for (const auto& c : doc.at("contacts")) {
        Statement st = db.prepare(
            "INSERT INTO contacts (organisation, role, name, phone, hours, address) VALUES (?, ?, ?, ?, ?, ?)");
        int i = 1;
        for (const char* key : {"organisation", "role", "name", "phone", "hours", "address"})
            st.bind(i++, c.at(key).get<std::string>());
        st.run();
    }
}

// Activities are dated relative to the day of seeding, so the demo always has upcoming ones.
void seed_activities(Database& db, const nlohmann::json& doc) {
    for (const auto& a : doc.at("activities")) {
        const std::string date = date_in_days(a.at("day_offset").get<int>());
        const std::string start = at_time(date, a.at("start").get<std::string>());
        const std::string end = at_time(date, a.at("end").get<std::string>());
        const std::int64_t capacity = a.at("capacity").get<std::int64_t>();
        const std::string title = a.at("title").get<std::string>(), place = a.at("place").get<std::string>();
        const std::int64_t schedule = add_schedule(db, title, place, false, nlohmann::json::array());
        add_slot(db, schedule, start, end, capacity);
        db.prepare("INSERT INTO activities (title, description, place, start, \"end\", capacity, schedule_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)")
            .bind(1, title).bind(2, a.at("description").get<std::string>()).bind(3, place)
            .bind(4, start).bind(5, end).bind(6, capacity).bind(7, schedule).run();
    }
}

// "{day+N}" (or "{day-N}") in demo text: the date N days from the day of seeding, as a resident
// reads it ("11月27日（星期四）"), so that the demo's notices always speak of days to come.
std::string with_dates(std::string text) {
    static const char* const kWeekdays[] = {"日", "一", "二", "三", "四", "五", "六"};
    for (size_t at = text.find("{day"); at != std::string::npos; at = text.find("{day", at)) {
        const size_t end = text.find('}', at);
        if (end == std::string::npos) throw std::runtime_error("an unclosed {day in demo text: " + text);
        const int days = std::stoi(text.substr(at + 4, end - at - 4));
        const std::string date = date_in_days(days);
        const std::string spoken = std::to_string(std::stoi(date.substr(5, 2))) + "月" + std::to_string(std::stoi(date.substr(8, 2))) +
                                   "日（星期" + kWeekdays[weekday_of(date)] + "）";
        text.replace(at, end + 1 - at, spoken);
        at += spoken.size();
    }
    return text;
}

// Notices went out in the days before seeding; their text names days after it. Moves the change
// counter, so that a list cached before (an ETag) is not taken as current.
void seed_notices(Database& db, const nlohmann::json& doc) {
    next_change_seq(db);
    for (const auto& n : doc.at("notices"))
        db.prepare("INSERT INTO notices (title, body, published, pinned) VALUES (?, ?, ?, ?)")
            .bind(1, with_dates(n.at("title").get<std::string>()))
            .bind(2, with_dates(n.at("body").get<std::string>()))
            .bind(3, at_time(date_in_days(n.at("published_day").get<int>()), n.at("published_time").get<std::string>()))
            .bind(4, static_cast<std::int64_t>(n.at("pinned").get<bool>()))
            .run();
}

}  // namespace

void seed_demo(Database& db, const std::string& demo_dir) {
    if (has_content(db)) {
        // A demo database from before notices (migration 13) gets them once: the table has never
        // held one (withdrawn notices stay as rows, so this never brings them back).
        if (db.prepare("SELECT 1 FROM notices LIMIT 1").step()) return;
        const auto notices = read_json(demo_dir + "/notices.json");
        Transaction tx(db);
        try {
            seed_notices(db, notices);
        } catch (const nlohmann::json::exception& e) {
            throw std::runtime_error("demo content in " + demo_dir + "/notices.json is malformed: " + e.what());
        }
        tx.commit();
        log_event("info", "seeded demo notices", {{"dir", demo_dir}, {"notices", notices["notices"].size()}});
        return;
    }
    const auto site = read_json(demo_dir + "/site.json");
    const auto policies = read_json(demo_dir + "/policies.json");
    const auto guides = read_json(demo_dir + "/guides.json");
    const auto contacts = read_json(demo_dir + "/contacts.json");
    const auto activities = read_json(demo_dir + "/activities.json");
    const auto notices = read_json(demo_dir + "/notices.json");
    Transaction tx(db);
    try {
        db.prepare("INSERT INTO settings (key, value) VALUES ('site', ?)").bind(1, site.dump()).run();
        seed_policies(db, policies);
        seed_guides(db, guides);
        seed_contacts(db, contacts);
        seed_activities(db, activities);
        seed_notices(db, notices);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("demo content in " + demo_dir + " is malformed: " + e.what());
    }
    tx.commit();
    log_event("info", "seeded demo content", {{"dir", demo_dir}, {"policies", policies["policies"].size()}});
}

}  // namespace elder::server

namespace elder::server {

void seed_demo_alerts(Database& db, Alerts& alerts, const std::string& demo_dir) {
    if (db.prepare("SELECT 1 FROM alerts LIMIT 1").step()) return;
    const auto doc = read_json(demo_dir + "/alerts.json");
    for (auto input : doc.at("alerts")) {
        const std::string expires = iso_from_epoch(now_s() + input.at("expires_in_hours").get<long>() * 3600);
        for (auto& info : input["info"]) info["expires"] = expires;
        CapAlert alert;
        std::string error;
        bool conflict = false;
        if (!parse_alert_input(input, alert, error) || !alerts.publish(alert, error, conflict))
            throw std::runtime_error("demo alert in " + demo_dir + "/alerts.json: " + error);
    }
}

}  // namespace elder::server
