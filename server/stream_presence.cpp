#include "stream_presence.hpp"

#include "crypto.hpp"

namespace elder::server {

StreamPresence::StreamPresence(Database& db) : db_(db), replica_(random_hex(8)) {}

StreamPresence::~StreamPresence() {
    try {
        db_.prepare("DELETE FROM device_streams WHERE replica = ?").bind(1, replica_).run();
        db_.prepare("DELETE FROM replicas WHERE id = ?").bind(1, replica_).run();
    } catch (const DatabaseError&) {
        // The database is away: the others delete the rows once this replica's heartbeat is stale.
    }
}

void StreamPresence::flush(std::int64_t now) {
    // No event is written: on PostgreSQL replicas do this side by side, without the write lock.
    Transaction tx(db_, WriteLock::AtFirstEvent);
    db_.prepare("INSERT INTO replicas (id, seen_at) VALUES (?1, ?2) ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at")
        .bind(1, replica_).bind(2, now).run();
    for (const auto& [device, open] : pending_) {
        if (open)
            db_.prepare("INSERT INTO device_streams (device_id, replica) VALUES (?, ?) ON CONFLICT (device_id, replica) DO NOTHING")
                .bind(1, device).bind(2, replica_).run();
        else
            db_.prepare("DELETE FROM device_streams WHERE device_id = ? AND replica = ?").bind(1, device).bind(2, replica_).run();
    }
    db_.prepare("DELETE FROM device_streams WHERE replica IN (SELECT id FROM replicas WHERE seen_at < ?)").bind(1, now - 2 * kStaleS).run();
    db_.prepare("DELETE FROM replicas WHERE seen_at < ?").bind(1, now - 2 * kStaleS).run();
    tx.commit();
    pending_.clear();
}

}  // namespace elder::server
