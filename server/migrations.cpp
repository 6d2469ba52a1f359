#include "migrations.hpp"

#include <iterator>

namespace elder::server {
namespace {

// Never edit a step that has shipped: add a new one.
const char* const kSteps[] = {
    // 1: site settings, policy categories and policies.
    R"sql(
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE policy_categories (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        sort_order INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE policies (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        category_id TEXT NOT NULL REFERENCES policy_categories(id),
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        body TEXT NOT NULL,
        issuer TEXT NOT NULL,
        published_on TEXT NOT NULL,
        effective_on TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        updated_seq INTEGER NOT NULL,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX policies_by_seq ON policies(updated_seq);
    CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL);
    INSERT INTO change_counter VALUES (1, 0);
    )sql",
};

}  // namespace

int migrate(Database& db) {
    auto read_version = [&] {
        Statement s = db.prepare("PRAGMA user_version");
        s.step();
        return static_cast<int>(s.integer(0));
    };
    int version = read_version();
    const int newest = static_cast<int>(std::size(kSteps));
    if (version > newest)
        throw DatabaseError("the database is at schema version " + std::to_string(version) +
                            ", newer than this server (" + std::to_string(newest) + "): upgrade the server");
    for (; version < newest; ++version) {
        Transaction tx(db);
        db.exec(kSteps[version]);
        db.exec("PRAGMA user_version = " + std::to_string(version + 1));
        tx.commit();
    }
    return version;
}

}  // namespace elder::server
