#include "migrations.hpp"

#include <iterator>
#include <string>

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
    // 2: guides, contacts, activities; schedules, slots and appointments (FHIR-shaped).
    R"sql(
    CREATE TABLE schedules (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        service TEXT NOT NULL,
        place TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        needs_id_number INTEGER NOT NULL DEFAULT 0,
        materials TEXT NOT NULL DEFAULT '[]'
    );
    CREATE TABLE guides (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        theme TEXT NOT NULL, title TEXT NOT NULL, what TEXT NOT NULL, who TEXT NOT NULL,
        materials TEXT NOT NULL, steps TEXT NOT NULL, place TEXT NOT NULL, hours TEXT NOT NULL,
        fee TEXT NOT NULL, processing_time TEXT NOT NULL, online INTEGER NOT NULL, online_url TEXT,
        schedule_id INTEGER REFERENCES schedules(id)
    );
    CREATE TABLE contacts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        organisation TEXT NOT NULL, role TEXT NOT NULL, name TEXT NOT NULL, phone TEXT NOT NULL,
        hours TEXT NOT NULL, address TEXT NOT NULL
    );
    CREATE TABLE activities (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL, description TEXT NOT NULL, place TEXT NOT NULL,
        start TEXT NOT NULL, end TEXT NOT NULL, capacity INTEGER NOT NULL,
        schedule_id INTEGER REFERENCES schedules(id)
    );
    CREATE TABLE slots (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        schedule_id INTEGER NOT NULL REFERENCES schedules(id),
        start TEXT NOT NULL,
        end TEXT NOT NULL,
        capacity INTEGER NOT NULL CHECK (capacity > 0),
        booked INTEGER NOT NULL DEFAULT 0,
        CHECK (booked >= 0 AND booked <= capacity)
    );
    CREATE INDEX slots_by_schedule ON slots(schedule_id, start);
    CREATE TABLE appointments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        code TEXT NOT NULL UNIQUE,
        slot_id INTEGER NOT NULL REFERENCES slots(id),
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        phone TEXT NOT NULL,
        id_number TEXT,
        status TEXT NOT NULL,
        created TEXT NOT NULL,
        cancelled_at TEXT
    );
    CREATE INDEX appointments_by_owner ON appointments(owner, id);
    -- One seat per person per slot: a double tap or a retried request never books twice.
    CREATE UNIQUE INDEX one_booking_per_person ON appointments(slot_id, phone) WHERE status = 'booked';
    CREATE TABLE idempotency (
        owner TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        status INTEGER NOT NULL,
        body TEXT NOT NULL,
        created TEXT NOT NULL,
        PRIMARY KEY (owner, key)
    );
    )sql",
    // 3: residents, one-time codes, tokens (stored hashed), rate limits, households and devices.
    R"sql(
    CREATE TABLE residents (id INTEGER PRIMARY KEY AUTOINCREMENT, phone TEXT NOT NULL UNIQUE, created TEXT NOT NULL);
    CREATE TABLE otp_codes (
        phone TEXT PRIMARY KEY,
        code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        tries_left INTEGER NOT NULL
    );
    CREATE TABLE rate_events (key TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE INDEX rate_events_by_key ON rate_events(key, at);
    CREATE TABLE households (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, phone TEXT NOT NULL);
    CREATE TABLE devices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        serial TEXT NOT NULL,
        household_id INTEGER REFERENCES households(id),
        created TEXT NOT NULL,
        UNIQUE (kind, serial)
    );
    CREATE TABLE tokens (
        hash TEXT PRIMARY KEY,
        resident_id INTEGER REFERENCES residents(id),
        device_id INTEGER REFERENCES devices(id),
        expires_at INTEGER NOT NULL
    );
    )sql",
    // 4: alerts (CAP 1.2), the event log the live stream replays from, and acknowledgements.
    R"sql(
    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        identifier TEXT NOT NULL,
        sender TEXT NOT NULL,
        sent TEXT NOT NULL,
        msg_type TEXT NOT NULL,
        status TEXT NOT NULL,
        cap TEXT NOT NULL,
        severity_rank INTEGER NOT NULL,
        expires_at INTEGER,
        active INTEGER NOT NULL,
        replaced_by INTEGER REFERENCES alerts(id),
        created TEXT NOT NULL,
        UNIQUE (sender, identifier, sent)
    );
    CREATE TABLE alert_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        data TEXT NOT NULL,
        created TEXT NOT NULL
    );
    CREATE TABLE alert_acks (
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        who TEXT NOT NULL,
        at TEXT NOT NULL,
        PRIMARY KEY (alert_id, who)
    );
    )sql",
    // 5: help requests (SOS, repair, complaint, callback).
    R"sql(
    CREATE TABLE help_requests (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        ticket TEXT NOT NULL UNIQUE,
        owner TEXT NOT NULL,
        kind TEXT NOT NULL,
        message TEXT NOT NULL DEFAULT '',
        phone TEXT,
        status TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL
    );
    CREATE INDEX help_requests_by_owner ON help_requests(owner, id);
    )sql",
    // 6 (issue 12): one-time enrolment codes that staff issue for a box to register with, stored hashed.
    R"sql(
    CREATE TABLE enrolment_codes (
        hash TEXT PRIMARY KEY,
        expires_at INTEGER NOT NULL,
        used_by_device INTEGER REFERENCES devices(id),
        created TEXT NOT NULL
    );
    )sql",
    // 7 (issue 12): a one-time code belongs to the phone *and* the address that asked for it, so that
    // nobody elsewhere can replace or burn a resident's live code with requests or wrong guesses.
    // Live codes (five minutes) are dropped by the change.
    R"sql(
    DROP TABLE otp_codes;
    CREATE TABLE otp_codes (
        phone TEXT NOT NULL,
        address TEXT NOT NULL,
        code_hash TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        tries_left INTEGER NOT NULL,
        PRIMARY KEY (phone, address)
    );
    )sql",
    // 8 (issue 12): ID numbers kept as a keyed hash and the last four characters (id_numbers.cpp); the column
    // id_number stays NULL. Rows from before are converted at start (IdNumbers::protect_plain_rows),
    // since the key is not known to SQL.
    R"sql(
    ALTER TABLE appointments ADD COLUMN id_number_hmac TEXT;
    ALTER TABLE appointments ADD COLUMN id_number_last4 TEXT;
    )sql",
    // 9 (issue 14): staff accounts with roles, their sessions, the audit log (append-only: triggers
    // refuse to change or delete a row), the help queue's claims, transfers and outcomes, and events
    // that only staff streams receive.
    R"sql(
    CREATE TABLE staff (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE,
        display_name TEXT NOT NULL,
        roles TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until INTEGER NOT NULL DEFAULT 0,
        created TEXT NOT NULL
    );
    CREATE TABLE staff_sessions (
        hash TEXT PRIMARY KEY,
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        csrf TEXT NOT NULL,
        by_cookie INTEGER NOT NULL,
        created_at INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
    );
    CREATE INDEX staff_sessions_by_staff ON staff_sessions(staff_id);
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        staff_id INTEGER,
        staff_name TEXT NOT NULL,
        action TEXT NOT NULL,
        target TEXT NOT NULL,
        before TEXT,
        after TEXT,
        address TEXT NOT NULL
    );
    CREATE INDEX audit_by_target ON audit_log(target, id);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    ALTER TABLE help_requests ADD COLUMN claimed_by INTEGER REFERENCES staff(id);
    ALTER TABLE help_requests ADD COLUMN claimed_at TEXT;
    ALTER TABLE help_requests ADD COLUMN unit TEXT;
    ALTER TABLE help_requests ADD COLUMN outcome TEXT;
    ALTER TABLE help_requests ADD COLUMN closed_at TEXT;
    ALTER TABLE help_requests ADD COLUMN overdue_at TEXT;
    ALTER TABLE help_requests ADD COLUMN device_id INTEGER REFERENCES devices(id);
    CREATE INDEX help_requests_open ON help_requests(status, kind, id);
    ALTER TABLE alert_events ADD COLUMN audience TEXT NOT NULL DEFAULT 'public';
    )sql",
    // 10 (issue 14): drafts of public content, published by an approver who did not write them
    // (now or at a set time); guides, contacts and activities can be withdrawn like policies.
    R"sql(
    CREATE TABLE content_drafts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        target_id INTEGER,
        fields TEXT NOT NULL,
        state TEXT NOT NULL,
        author_id INTEGER NOT NULL REFERENCES staff(id),
        approver_id INTEGER REFERENCES staff(id),
        publish_at TEXT,
        note TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        published_at TEXT
    );
    CREATE INDEX content_drafts_by_state ON content_drafts(state, publish_at);
    ALTER TABLE guides ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contacts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE activities ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;
    )sql",
    // 11 (issue 14): when each device last reached the server (epoch seconds), for the device list.
    R"sql(
    ALTER TABLE devices ADD COLUMN last_seen INTEGER;
    )sql",
    // 12 (issue 14): staff close a slot (nobody can book it; those booked are cancelled, with the reason).
    R"sql(
    ALTER TABLE slots ADD COLUMN closed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE appointments ADD COLUMN cancel_reason TEXT;
    )sql",
    // 13: community notices (社区公告), written and published by staff like the other content.
    // `published` is set by the server when a notice first goes live (ISO 8601, +08:00, so that
    // text order is time order); lists show pinned ones first, then newest first.
    R"sql(
    CREATE TABLE notices (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        published TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0,
        deleted INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX notices_in_order ON notices(deleted, pinned DESC, published DESC, id DESC);
    )sql",
    // 14 (issue 18): households as staff know them (address, members, emergency contact, flags,
    // consent), alert receipts from every device, the call and visit lists (follow-ups) with each
    // attempt, and the daily check-in (报平安). Times the server compares are epoch seconds.
    // A member's phone ties a signed-in resident to the household (residents.phone).
    R"sql(
    ALTER TABLE households ADD COLUMN address TEXT NOT NULL DEFAULT '';
    ALTER TABLE households ADD COLUMN lives_alone INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE households ADD COLUMN special_attention INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE households ADD COLUMN emergency_name TEXT NOT NULL DEFAULT '';
    ALTER TABLE households ADD COLUMN emergency_phone TEXT NOT NULL DEFAULT '';
    ALTER TABLE households ADD COLUMN emergency_relation TEXT NOT NULL DEFAULT '';
    ALTER TABLE households ADD COLUMN note TEXT NOT NULL DEFAULT '';
    ALTER TABLE households ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE household_members (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        household_id INTEGER NOT NULL REFERENCES households(id),
        name TEXT NOT NULL,
        phone TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX household_members_by_household ON household_members(household_id);
    CREATE UNIQUE INDEX household_members_by_phone ON household_members(phone) WHERE phone <> '';
    CREATE TABLE household_consents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        household_id INTEGER NOT NULL REFERENCES households(id),
        kind TEXT NOT NULL,
        given_by TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES staff(id),
        at INTEGER NOT NULL,
        withdrawn_at INTEGER
    );
    CREATE INDEX household_consents_by_household ON household_consents(household_id, kind);
    CREATE TABLE alert_targets (
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        household_id INTEGER NOT NULL REFERENCES households(id),
        PRIMARY KEY (alert_id, household_id)
    );
    CREATE TABLE alert_receipts (
        alert_id INTEGER NOT NULL REFERENCES alerts(id),
        who TEXT NOT NULL,
        household_id INTEGER REFERENCES households(id),
        shown_at INTEGER,
        confirmed_at INTEGER,
        PRIMARY KEY (alert_id, who)
    );
    CREATE INDEX alert_receipts_by_household ON alert_receipts(alert_id, household_id);
    INSERT INTO alert_receipts (alert_id, who, confirmed_at)
        SELECT alert_id, who, CAST(strftime('%s', substr(at, 1, 19)) AS INTEGER) - 8 * 3600 FROM alert_acks;
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        household_id INTEGER NOT NULL REFERENCES households(id),
        kind TEXT NOT NULL,
        alert_id INTEGER REFERENCES alerts(id),
        day TEXT,
        subject TEXT NOT NULL,
        stage TEXT NOT NULL,
        opened_at INTEGER NOT NULL,
        outcome TEXT,
        help_request_id INTEGER REFERENCES help_requests(id),
        closed_at INTEGER,
        closed_by INTEGER REFERENCES staff(id),
        UNIQUE (household_id, subject)
    );
    CREATE INDEX follow_ups_open ON follow_ups(closed_at, kind);
    CREATE TABLE follow_up_attempts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        follow_up_id INTEGER NOT NULL REFERENCES follow_ups(id),
        stage TEXT NOT NULL,
        outcome TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '',
        staff_id INTEGER NOT NULL REFERENCES staff(id),
        at INTEGER NOT NULL
    );
    CREATE INDEX follow_up_attempts_by_follow_up ON follow_up_attempts(follow_up_id);
    CREATE TABLE check_in_plans (
        household_id INTEGER PRIMARY KEY REFERENCES households(id),
        deadline TEXT NOT NULL,
        since TEXT NOT NULL
    );
    CREATE TABLE check_ins (
        household_id INTEGER NOT NULL REFERENCES households(id),
        day TEXT NOT NULL,
        at INTEGER NOT NULL,
        who TEXT NOT NULL,
        PRIMARY KEY (household_id, day)
    );
    CREATE TABLE household_away (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        household_id INTEGER NOT NULL REFERENCES households(id),
        from_day TEXT NOT NULL,
        to_day TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX household_away_by_household ON household_away(household_id, to_day);
    )sql",
    // 15: a household made by binding a box (a name and the resident's mobile) has that phone as its
    // member, so the resident signed in elsewhere counts for the same household. Households that
    // have members already, and phones that are members elsewhere, are left as they are.
    R"sql(
    INSERT INTO household_members (household_id, name, phone)
    SELECT h.id, h.name, h.phone FROM households h
    WHERE length(h.phone) = 11 AND substr(h.phone, 1, 1) = '1'
      AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.household_id = h.id)
      AND NOT EXISTS (SELECT 1 FROM household_members m WHERE m.phone = h.phone)
      AND h.id = (SELECT MIN(o.id) FROM households o WHERE o.phone = h.phone);
    )sql",
    // 16 (issue 19): addresses that keep guessing staff secrets, kept in the database so that the
    // wait holds on every replica behind a load balancer (it was in each process's memory).
    R"sql(
    CREATE TABLE staff_guard (
        address TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        blocked_until INTEGER NOT NULL
    );
    CREATE INDEX staff_guard_by_time ON staff_guard(last_at);
    )sql",
    // 17 (issue 19): which replica holds each box's alert stream, for the staff's device list, and
    // each replica's heartbeat (stream_presence.hpp).
    R"sql(
    CREATE TABLE replicas (id TEXT PRIMARY KEY, seen_at INTEGER NOT NULL);
    CREATE TABLE device_streams (
        device_id INTEGER NOT NULL,
        replica TEXT NOT NULL,
        PRIMARY KEY (device_id, replica)
    );
    )sql",
};

// PostgreSQL runs the same steps, with what SQLite spells its own way spelt PostgreSQL's
// (ARCHITECTURE.md, "Two stores"): ids from an identity column, 64-bit integers, `end` quoted,
// the audit log's append-only triggers as a trigger function. A PostgreSQL database starts empty
// with this release, so step 14's copy of the old acknowledgements has nothing to copy there.
std::string postgresql_form(std::string sql) {
    auto replace_all = [&sql](const std::string& from, const std::string& to) {
        for (std::size_t at = sql.find(from); at != std::string::npos; at = sql.find(from, at + to.size()))
            sql.replace(at, from.size(), to);
    };
    replace_all("INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY");
    replace_all("INTEGER", "BIGINT");
    replace_all(" end TEXT", " \"end\" TEXT");
    replace_all("BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
                "FOR EACH ROW EXECUTE FUNCTION elder_append_only();");
    replace_all("CREATE TRIGGER audit_log_no_update",
                "CREATE FUNCTION elder_append_only() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$;\n    CREATE TRIGGER audit_log_no_update");
    replace_all("SELECT alert_id, who, CAST(strftime('%s', substr(at, 1, 19)) AS BIGINT) - 8 * 3600 FROM alert_acks;",
                "SELECT alert_id, who, 0 FROM alert_acks WHERE false;");
    return sql;
}

// What PostgreSQL lacks of SQLite's functions that the queries use, defined once per database.
constexpr const char* kPostgresFunctions =
    "CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS 'SELECT strpos($1, $2)'";

}  // namespace

int migrate(Database& db) {
    const bool postgresql = db.dialect() == Dialect::PostgreSQL;
    const int newest = static_cast<int>(std::size(kSteps));
    // Each step reads the version under the write lock: replicas started together take turns, and
    // one that waited finds the steps the other ran already done.
    for (;;) {
        Transaction tx(db);
        const int version = db.schema_version();
        if (version > newest)
            throw DatabaseError("the database is at schema version " + std::to_string(version) +
                                ", newer than this server (" + std::to_string(newest) + "): upgrade the server");
        if (version == newest) {
            if (postgresql) db.exec(kPostgresFunctions);
            tx.commit();
            return version;
        }
        db.exec(postgresql ? postgresql_form(kSteps[version]) : std::string(kSteps[version]));
        db.set_schema_version(version + 1);
        tx.commit();
    }
}

}  // namespace elder::server
