#pragma once
// The store behind the server: one interface, two engines. SQLite (a file, the embedded default
// for one community and `scripts/run.sh`) and PostgreSQL (a district's or a city's servers, several
// replicas on one database), chosen by `db`: a `postgresql://` URL, or else a file path.
// Call sites write SQL once, with `?` or `?N` placeholders, in the subset both engines speak
// (ARCHITECTURE.md, "Two stores"); each engine's file turns it into its own form.
// Errors throw DatabaseError with the engine's message; handlers turn them into problem+json 500s.
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>

namespace elder::server {

struct DatabaseError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The database cannot be reached at all (PostgreSQL down, restarting, unreachable): the answer is
// 503 with Retry-After rather than 500, and the replica's health says so to the load balancer.
struct DatabaseUnavailable : DatabaseError {
    using DatabaseError::DatabaseError;
};

enum class Dialect { SQLite, PostgreSQL };

// When a writing transaction takes the one write lock. AtBegin: every check it makes sees no
// other writer (the default). AtFirstEvent: only once it adds to the event log (ids in commit
// order), for writes that are single idempotent upserts (alert receipts), so that replicas write
// those side by side. SQLite has one writer anyway and locks at the start either way.
enum class WriteLock { AtBegin, AtFirstEvent };

// Word that another replica wrote to the event log (PostgreSQL LISTEN/NOTIFY, on a connection of
// its own). Only a wake-up: a notification can be lost with its connection, so readers also poll.
class EventWakeup {
public:
    virtual ~EventWakeup() = default;
    virtual int socket() const = 0;  // readable when word may have arrived
    virtual bool consume() = 0;      // reads what arrived; false when the connection is lost
};

// One engine's prepared statement (sqlite_database.cpp, postgres_database.cpp).
class StatementImpl {
public:
    virtual ~StatementImpl() = default;
    virtual void bind(int index, std::int64_t value) = 0;
    virtual void bind(int index, const std::string& value) = 0;
    virtual void bind_null(int index) = 0;
    virtual bool step() = 0;
    virtual std::int64_t integer(int column) const = 0;  // NULL reads as 0, a boolean as 1 or 0
    virtual std::string text(int column) const = 0;      // NULL reads as ""
    virtual bool is_null(int column) const = 0;
};

class Statement {
public:
    explicit Statement(std::unique_ptr<StatementImpl> impl) : impl_(std::move(impl)) {}

    Statement& bind(int index, std::int64_t value) { impl_->bind(index, value); return *this; }
    Statement& bind(int index, const std::string& value) { impl_->bind(index, value); return *this; }
    Statement& bind_null(int index) { impl_->bind_null(index); return *this; }
    bool step() { return impl_->step(); }  // true while a row is available
    void run() { while (step()) {} }
    // `INSERT ... RETURNING id`: the new row's id, the statement run to its end (SQLite will not
    // commit while a RETURNING statement is unfinished).
    std::int64_t returning_id();

    std::int64_t integer(int column) const { return impl_->integer(column); }
    std::string text(int column) const { return impl_->text(column); }
    bool is_null(int column) const { return impl_->is_null(column); }

private:
    std::unique_ptr<StatementImpl> impl_;
};

class Database {
public:
    virtual ~Database() = default;
    Database() = default;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    virtual Dialect dialect() const = 0;
    // Statements without parameters, several separated by `;` (migrations).
    virtual void exec(const std::string& sql) = 0;
    virtual Statement prepare(const std::string& sql) = 0;
    virtual std::int64_t last_insert_id() = 0;
    virtual int changes() const = 0;  // rows changed by the last statement

    // A writing transaction, one at a time across every replica on this database (SQLite:
    // BEGIN IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so a check and the write
    // it allows see no other writer between them, as on one process.
    virtual void begin_write(WriteLock when = WriteLock::AtBegin) = 0;
    virtual void take_write_lock() {}  // in a transaction begun AtFirstEvent: now (once)
    virtual void commit() = 0;
    virtual void rollback() = 0;
    virtual bool in_write() const = 0;  // between begin_write() and commit() or rollback()

    // Inside a writing transaction that added to the event log: other replicas are woken at its
    // commit. `listen_for_events`: the wake-up this replica listens on; nullptr where nobody else
    // writes (SQLite, one process). Throws DatabaseUnavailable when the database is away.
    virtual void notify_events() {}
    virtual std::unique_ptr<EventWakeup> listen_for_events() { return nullptr; }

    // The schema's migration step (migrations.cpp).
    virtual int schema_version() = 0;
    virtual void set_schema_version(int version) = 0;
};

// `where`: a `postgresql://` (or `postgres://`) URL, or an SQLite file path (or `file:` URI).
std::unique_ptr<Database> open_database(const std::string& where);
bool is_postgresql_url(const std::string& where);
// `where` as logs and messages may show it: a URL's password replaced by `***`.
std::string redacted_location(const std::string& where);

// The engines (one file each).
std::unique_ptr<Database> open_sqlite(const std::string& path);
std::unique_ptr<Database> open_postgresql(const std::string& url);

// begin_write() .. commit(), rolled back if the scope is left by an exception.
class Transaction {
public:
    explicit Transaction(Database& db, WriteLock when = WriteLock::AtBegin) : db_(db) { db_.begin_write(when); }
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit() { db_.commit(); done_ = true; }

private:
    Database& db_;
    bool done_ = false;
};

}  // namespace elder::server
