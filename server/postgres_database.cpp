// The PostgreSQL engine (libpq): a district's or a city's store, shared by several replicas
// (ARCHITECTURE.md, "Two stores"). The SQL the call sites write for both engines arrives here with
// `?` / `?N` placeholders, which become `$N`; values travel as text and the server casts them.
// Writing transactions take one advisory lock, so across all replicas one writes at a time, as
// SQLite's BEGIN IMMEDIATE does on one machine: every check-then-write keeps its meaning.
#include <libpq-fe.h>

#include <cstdlib>
#include <optional>
#include <vector>

#include "database.hpp"

namespace elder::server {
namespace {

constexpr std::int64_t kWriteLock = 0x656c646572;  // "elder": the one lock every writing transaction takes
constexpr Oid kTextOid = 25;

// `?N` -> `$N`; a bare `?` takes the number after the largest so far (SQLite's rule). Quoted text,
// quoted names and comments are left alone. `used[n]`: whether `$n` occurs.
std::string numbered_placeholders(const std::string& sql, std::vector<bool>& used) {
    std::string out;
    out.reserve(sql.size() + 16);
    int largest = 0;
    auto mark = [&](int n) {
        if (static_cast<int>(used.size()) <= n) used.resize(static_cast<std::size_t>(n) + 1, false);
        used[static_cast<std::size_t>(n)] = true;
        largest = std::max(largest, n);
    };
    for (std::size_t i = 0; i < sql.size(); ++i) {
        const char c = sql[i];
        if (c == '\'' || c == '"') {  // a quoted run, its doubled quotes included
            const std::size_t end = sql.find(c, i + 1);
            const std::size_t stop = end == std::string::npos ? sql.size() : end + 1;
            out.append(sql, i, stop - i);
            i = stop - 1;
        } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            const std::size_t end = sql.find('\n', i);
            const std::size_t stop = end == std::string::npos ? sql.size() : end;
            out.append(sql, i, stop - i);
            i = stop - 1;
        } else if (c == '?') {
            std::size_t j = i + 1;
            while (j < sql.size() && sql[j] >= '0' && sql[j] <= '9') ++j;
            const int n = j > i + 1 ? std::atoi(sql.substr(i + 1, j - i - 1).c_str()) : largest + 1;
            mark(n);
            out += '$' + std::to_string(n);
            i = j - 1;
        } else {
            out += c;
        }
    }
    return out;
}

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
using Result = std::unique_ptr<PGresult, ResultDeleter>;

class PostgresDatabase;

class PostgresStatement : public StatementImpl {
public:
    PostgresStatement(PostgresDatabase& db, const std::string& sql);

    void bind(int index, std::int64_t value) override { set(index, std::to_string(value)); }
    void bind(int index, const std::string& value) override { set(index, value); }
    void bind_null(int index) override { set(index, std::nullopt); }
    bool step() override;

    std::int64_t integer(int column) const override {
        if (PQgetisnull(result_.get(), row_, column)) return 0;
        const char* v = PQgetvalue(result_.get(), row_, column);
        if (v[0] == 't' && v[1] == '\0') return 1;  // a boolean expression read as a number
        if (v[0] == 'f' && v[1] == '\0') return 0;
        return std::strtoll(v, nullptr, 10);
    }
    std::string text(int column) const override {
        if (PQgetisnull(result_.get(), row_, column)) return {};
        return std::string(PQgetvalue(result_.get(), row_, column),
                           static_cast<std::size_t>(PQgetlength(result_.get(), row_, column)));
    }
    bool is_null(int column) const override { return PQgetisnull(result_.get(), row_, column) != 0; }

private:
    // A bind to a number the statement does not use is ignored, as SQLite ignores it.
    void set(int index, std::optional<std::string> value) {
        if (index >= 1 && index < static_cast<int>(values_.size())) values_[static_cast<std::size_t>(index)] = std::move(value);
    }

    PostgresDatabase& db_;
    std::string sql_;
    std::vector<bool> used_;
    std::vector<std::optional<std::string>> values_;  // [0] unused: numbers start at 1
    Result result_;
    int row_ = -1;
};

constexpr const char* kEventChannel = "elder_events";

class PostgresWakeup : public EventWakeup {
public:
    explicit PostgresWakeup(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
        if (PQstatus(conn_) != CONNECTION_OK)
            throw DatabaseUnavailable("cannot listen on the database " + redacted_location(url) + ": " + PQerrorMessage(conn_));
        Result r(PQexec(conn_, (std::string("LISTEN ") + kEventChannel).c_str()));
        if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) throw DatabaseUnavailable(std::string("LISTEN: ") + PQerrorMessage(conn_));
        PQsetnonblocking(conn_, 1);
    }
    ~PostgresWakeup() override { PQfinish(conn_); }
    int socket() const override { return PQsocket(conn_); }
    bool consume() override {
        if (!PQconsumeInput(conn_)) return false;
        while (PGnotify* n = PQnotifies(conn_)) PQfreemem(n);  // which event is read from the table
        return PQstatus(conn_) == CONNECTION_OK;
    }

private:
    PGconn* conn_;
};

class PostgresDatabase : public Database {
public:
    explicit PostgresDatabase(const std::string& url) : url_(url) { connect(); }
    ~PostgresDatabase() override { PQfinish(conn_); }

    Dialect dialect() const override { return Dialect::PostgreSQL; }

    void exec(const std::string& sql) override { check(Result(PQexec(usable(), sql.c_str())), sql); }
    Statement prepare(const std::string& sql) override { return Statement(std::make_unique<PostgresStatement>(*this, sql)); }
    std::int64_t last_insert_id() override {
        Statement s = prepare("SELECT lastval()");
        s.step();
        return s.integer(0);
    }
    int changes() const override { return changes_; }

    void begin_write(WriteLock when) override {
        exec("BEGIN");
        in_transaction_ = true;
        locked_ = false;
        if (when == WriteLock::AtFirstEvent) return;
        try {
            take_write_lock();
        } catch (...) {
            try { rollback(); } catch (...) {}  // no Transaction exists to do it: its constructor is what failed
            throw;
        }
    }
    // Held to the commit or rollback (a transaction-scoped advisory lock).
    void take_write_lock() override {
        if (!in_transaction_ || locked_) return;
        exec("SELECT pg_advisory_xact_lock(" + std::to_string(kWriteLock) + ")");
        locked_ = true;
    }
    void commit() override {
        in_transaction_ = false;
        exec("COMMIT");
    }
    bool in_write() const override { return in_transaction_; }
    void notify_events() override { exec(std::string("NOTIFY ") + kEventChannel); }
    std::unique_ptr<EventWakeup> listen_for_events() override { return std::make_unique<PostgresWakeup>(url_); }
    void rollback() override {
        in_transaction_ = false;
        if (PQstatus(conn_) == CONNECTION_OK) exec("ROLLBACK");
    }

    int schema_version() override {
        exec("CREATE TABLE IF NOT EXISTS schema_version (id BIGINT PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL)");
        Statement s = prepare("SELECT version FROM schema_version WHERE id = 1");
        return s.step() ? static_cast<int>(s.integer(0)) : 0;
    }
    void set_schema_version(int version) override {
        prepare("INSERT INTO schema_version (id, version) VALUES (1, ?1) ON CONFLICT (id) DO UPDATE SET version = excluded.version")
            .bind(1, std::int64_t{version})
            .run();
    }

    // Runs a statement; the result, or DatabaseError (DatabaseUnavailable when the server is gone).
    Result run(const std::string& sql, const std::vector<Oid>& types, const std::vector<const char*>& values) {
        Result r(PQexecParams(usable(), sql.c_str(), static_cast<int>(values.size()), types.data(), values.data(),
                              nullptr, nullptr, 0));
        check(r, sql);
        const char* tuples = PQcmdTuples(r.get());
        changes_ = tuples && *tuples ? std::atoi(tuples) : 0;
        return r;
    }

private:
    void connect() {
        if (conn_) PQfinish(conn_);
        conn_ = PQconnectdb(url_.c_str());
        if (PQstatus(conn_) != CONNECTION_OK)
            throw DatabaseUnavailable("cannot reach the database " + redacted_location(url_) + ": " + PQerrorMessage(conn_));
        // A writer waits for the lock at most this long; then the request fails rather than hangs.
        check(Result(PQexec(conn_, "SET lock_timeout = '10s'")), "SET lock_timeout");
    }
    // The connection, reopened first if the server went away between two transactions (a restart).
    PGconn* usable() {
        if (PQstatus(conn_) != CONNECTION_OK) {
            if (in_transaction_) throw DatabaseUnavailable("the connection to the database was lost in a transaction");
            connect();
        }
        return conn_;
    }
    void check(const Result& r, const std::string& sql) {
        const ExecStatusType status = r ? PQresultStatus(r.get()) : PGRES_FATAL_ERROR;
        if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
        const std::string message = r ? PQresultErrorMessage(r.get()) : PQerrorMessage(conn_);
        if (PQstatus(conn_) != CONNECTION_OK) throw DatabaseUnavailable("the database went away: " + message);
        // Waited lock_timeout for the write lock (a long migration, a stuck writer), or chosen to
        // give way in a deadlock (a receipt's row locks against a locked writer): busy, not broken.
        if (const char* state = r ? PQresultErrorField(r.get(), PG_DIAG_SQLSTATE) : nullptr;
            state && (std::string(state) == "55P03" || std::string(state) == "40P01"))
            throw DatabaseUnavailable("the database is busy: " + message);
        throw DatabaseError(message + " in: " + sql.substr(0, 200));
    }

    std::string url_;
    PGconn* conn_ = nullptr;
    bool in_transaction_ = false;
    bool locked_ = false;  // this transaction holds the write lock
    int changes_ = 0;
};

PostgresStatement::PostgresStatement(PostgresDatabase& db, const std::string& sql) : db_(db) {
    sql_ = numbered_placeholders(sql, used_);
    values_.resize(std::max<std::size_t>(used_.size(), 1));
}

bool PostgresStatement::step() {
    if (!result_) {
        const std::size_t n = values_.size() - 1;
        std::vector<Oid> types(n, 0);  // 0: the server infers each type from where it is used
        std::vector<const char*> values(n, nullptr);
        for (std::size_t i = 1; i <= n; ++i) {
            if (!used_[i]) types[i - 1] = kTextOid;  // a number the text skips: nothing to infer from
            values[i - 1] = values_[i] ? values_[i]->c_str() : nullptr;
        }
        result_ = db_.run(sql_, types, values);
    }
    return ++row_ < PQntuples(result_.get());
}

}  // namespace

std::unique_ptr<Database> open_postgresql(const std::string& url) { return std::make_unique<PostgresDatabase>(url); }

}  // namespace elder::server
