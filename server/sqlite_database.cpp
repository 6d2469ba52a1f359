// The SQLite engine: one file, WAL, synchronous=FULL (a confirmed booking survives a power cut),
// foreign keys on. The embedded default (ARCHITECTURE.md, "Two stores").
#include <sqlite3.h>

#include "database.hpp"

namespace elder::server {
namespace {

class SqliteStatement : public StatementImpl {
public:
    SqliteStatement(sqlite3* db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db, sql.c_str(), static_cast<int>(sql.size()), &stmt_, nullptr) != SQLITE_OK)
            throw DatabaseError(std::string("prepare failed: ") + sqlite3_errmsg(db) + " in: " + sql);
    }
    ~SqliteStatement() override { sqlite3_finalize(stmt_); }

    void bind(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
    void bind(int index, const std::string& value) override {
        sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
    }
    void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

    bool step() override {
        const int rc = sqlite3_step(stmt_);
        if (rc == SQLITE_ROW) return true;
        if (rc == SQLITE_DONE) return false;
        throw DatabaseError(std::string("step failed: ") + sqlite3_errmsg(db_));
    }

    std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
    std::string text(int column) const override {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
        return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, column))) : std::string();
    }
    bool is_null(int column) const override { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class SqliteDatabase : public Database {
public:
    explicit SqliteDatabase(const std::string& path) {
        if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                            nullptr) != SQLITE_OK) {
            const std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
            sqlite3_close(db_);
            throw DatabaseError("cannot open database " + path + ": " + message);
        }
        sqlite3_busy_timeout(db_, 5000);
        exec("PRAGMA journal_mode=WAL");
        exec("PRAGMA synchronous=FULL");
        exec("PRAGMA foreign_keys=ON");
    }
    ~SqliteDatabase() override { sqlite3_close(db_); }

    Dialect dialect() const override { return Dialect::SQLite; }

    void exec(const std::string& sql) override {
        char* error = nullptr;
        if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
            const std::string message = error ? error : "unknown error";
            sqlite3_free(error);
            throw DatabaseError(message + " in: " + sql.substr(0, 200));
        }
    }
    Statement prepare(const std::string& sql) override { return Statement(std::make_unique<SqliteStatement>(db_, sql)); }
    std::int64_t last_insert_id() override { return sqlite3_last_insert_rowid(db_); }
    int changes() const override { return sqlite3_changes(db_); }

    void begin_write(WriteLock) override { exec("BEGIN IMMEDIATE"); }
    bool in_write() const override { return sqlite3_get_autocommit(db_) == 0; }
    void commit() override { exec("COMMIT"); }
    void rollback() override { exec("ROLLBACK"); }

    int schema_version() override {
        Statement s = prepare("PRAGMA user_version");
        s.step();
        return static_cast<int>(s.integer(0));
    }
    void set_schema_version(int version) override { exec("PRAGMA user_version = " + std::to_string(version)); }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace

std::unique_ptr<Database> open_sqlite(const std::string& path) { return std::make_unique<SqliteDatabase>(path); }

}  // namespace elder::server
