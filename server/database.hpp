#pragma once
// A thin RAII layer over SQLite: open (WAL), run statements, bind and read values.
// Errors throw DatabaseError with SQLite's message; handlers turn them into problem+json 500s.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

struct sqlite3;
struct sqlite3_stmt;

namespace elder::server {

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class Statement {
public:
    Statement(sqlite3* db, const std::string& sql);
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, const std::string& value);
    Statement& bind_null(int index);
    bool step();  // true while a row is available
    void run() { while (step()) {} }

    std::int64_t integer(int column) const;
    std::string text(int column) const;
    bool is_null(int column) const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_ = nullptr;
};

class Database {
public:
    explicit Database(const std::string& path);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    void exec(const std::string& sql);
    Statement prepare(const std::string& sql) { return Statement(db_, sql); }
    std::int64_t last_insert_id() const;
    int changes() const;  // rows changed by the last statement
    sqlite3* handle() { return db_; }

private:
    sqlite3* db_ = nullptr;
};

// BEGIN IMMEDIATE .. COMMIT, rolled back if the scope is left by an exception.
class Transaction {
public:
    explicit Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
    ~Transaction();
    void commit() { db_.exec("COMMIT"); done_ = true; }

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace elder::server
