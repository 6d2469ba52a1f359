#include "demo_seed.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "change_seq.hpp"
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

bool has_content(Database& db) {
    Statement s = db.prepare("SELECT (SELECT COUNT(*) FROM policies) + (SELECT COUNT(*) FROM settings)");
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

}  // namespace

void seed_demo(Database& db, const std::string& demo_dir) {
    if (has_content(db)) return;
    const auto site = read_json(demo_dir + "/site.json");
    const auto policies = read_json(demo_dir + "/policies.json");
    Transaction tx(db);
    try {
        db.prepare("INSERT INTO settings (key, value) VALUES ('site', ?)").bind(1, site.dump()).run();
        seed_policies(db, policies);
    } catch (const nlohmann::json::exception& e) {
        throw std::runtime_error("demo content in " + demo_dir + " is malformed: " + e.what());
    }
    tx.commit();
    log_event("info", "seeded demo content", {{"dir", demo_dir}, {"policies", policies["policies"].size()}});
}

}  // namespace elder::server
