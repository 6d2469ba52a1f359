#pragma once
// Which boxes have an alert stream open on any replica, for the staff's device list: each replica
// notes its devices' streams opening and closing in memory and writes them at its periodic check
// (at most every 5 s, in one transaction), with its own heartbeat. A replica that stops beating
// (killed) has its rows ignored after kStaleS and deleted by the others. On one machine the same
// rows simply say what the one server knows.
#include <cstdint>
#include <map>
#include <string>

#include "database.hpp"

namespace elder::server {

class StreamPresence {
public:
    static constexpr std::int64_t kStaleS = 30;

    explicit StreamPresence(Database& db);
    ~StreamPresence();  // a replica stopping cleanly takes its rows with it
    StreamPresence(const StreamPresence&) = delete;
    StreamPresence& operator=(const StreamPresence&) = delete;

    void opened(std::int64_t device) { pending_[device] = true; }   // its first stream on this replica
    void closed(std::int64_t device) { pending_[device] = false; }  // its last one here ended
    // Writes what changed and this replica's heartbeat; forgets replicas gone silent.
    void flush(std::int64_t now);
    // Read by the staff's device list in its own query (a stream on a replica seen within kStaleS).

private:
    Database& db_;
    std::string replica_;  // random, new at each start
    std::map<std::int64_t, bool> pending_;
};

}  // namespace elder::server
