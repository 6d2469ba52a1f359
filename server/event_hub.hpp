#pragma once
// The alert stream (server-sent events): keeps every subscriber's connection, replays what a
// reconnecting client missed (Last-Event-ID), pushes new events to all, and sends a heartbeat
// comment every 15 s so that proxies and clients know the connection is alive.
// A stream costs little and nothing unbounded: streams are capped in all, per client address and
// per device; what waits to be written to one is capped in bytes; a write that does not finish
// in time ends the stream; a replay is read from the database a few events at a time, as the
// client takes them, instead of all at once.
// Several replicas share one database: each hub tails the event log (EventLog::tail) and fans out
// what it finds to its own streams, woken at once by an event of its own replica, by another's
// through the database's wake-up (PostgreSQL NOTIFY), and every `poll_ms` in case a wake-up was lost. A stream never gets an event twice or out of
// order, whether it came by replay or live.
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>

#include <functional>

#include "event_log.hpp"
#include "connection_table.hpp"
#include "http_types.hpp"

namespace elder::server {

class EventHub {
public:
    EventHub(boost::asio::io_context& io, EventLog& events, int heartbeat_s = 15, StreamLimits limits = {}, int poll_ms = 250);
    ~EventHub();
    EventHub(const EventHub&) = delete;
    EventHub& operator=(const EventHub&) = delete;
    // Starts tailing the log from its end (after the database is migrated and seeded).
    void start();
    // Reads the events the log has after the last one fanned out and sends each to the streams
    // that want it. A device's hang-up ends that device's streams here.
    void catch_up();
    // Takes over the connection of a stream request; answers 400 itself for a bad Last-Event-ID,
    // 429 when the client's address holds its share of streams, 503 when the server holds all it
    // can. `device_id` (0 for none) is the device whose token came with the request;
    // `staff_session` (empty for none) the signed-in staff member's session: their stream carries
    // staff events too, and ends when the session does (checked at every heartbeat);
    // `household_id` (0 for none) the household of the box or resident: its own events too.
    void subscribe(boost::asio::ip::tcp::socket socket, const Request& request,
                   std::shared_ptr<ConnectionTable::Slot> slot, const std::string& address, std::int64_t device_id,
                   std::string staff_session = {}, std::int64_t household_id = 0);
    void set_staff_session_check(std::function<bool(const std::string&)> alive) { staff_session_alive_ = std::move(alive); }
    // Told when a device's first stream here opens (true) and its last one here ends (false).
    void set_device_presence(std::function<void(std::int64_t, bool)> changed) { device_presence_ = std::move(changed); }
    size_t subscribers() const { return subscribers_.size(); }
    // Ends the device's streams: its household changed (bound or unbound), and a box that
    // reconnects gets a stream that carries its new household's events.
    void hang_up_device(std::int64_t device_id);
    size_t device_streams(std::int64_t device_id) const {
        const auto it = per_device_.find(device_id);
        return it == per_device_.end() ? 0 : it->second.size();
    }

    struct Subscriber;

private:
    void heartbeat();
    bool session_alive(const std::string& session) const;
    void poll();
    void listen();       // opens the wake-up if there is none (the database may have been away)
    void await_wakeup();
    void close_wakeup();
    void publish(const AlertEvent& event);
    void send(const std::shared_ptr<Subscriber>& s, std::string text);
    void write_next(const std::shared_ptr<Subscriber>& s);
    bool replay_some(const std::shared_ptr<Subscriber>& s);
    void read_until_closed(const std::shared_ptr<Subscriber>& s);
    void drop(const std::shared_ptr<Subscriber>& s);
    std::optional<Response> refusal(const Request& request, const std::string& address, std::int64_t device_id);

    EventLog& events_;
    std::function<bool(const std::string&)> staff_session_alive_;
    std::function<void(std::int64_t, bool)> device_presence_;
    boost::asio::steady_timer timer_;
    boost::asio::steady_timer poll_timer_;
    int heartbeat_s_;
    int poll_ms_;
    std::int64_t fanned_ = -1;  // the last event id sent on; -1 until start()
    std::unique_ptr<EventWakeup> wakeup_;
    boost::asio::posix::stream_descriptor wakeup_socket_;  // wakeup_'s, not owned: released, never closed
    std::chrono::steady_clock::time_point next_listen_{};
    StreamLimits limits_;
    std::set<std::shared_ptr<Subscriber>> subscribers_;
    std::map<std::string, int> per_address_;
    std::map<std::int64_t, std::deque<std::shared_ptr<Subscriber>>> per_device_;  // oldest first
};

std::string format_event(const AlertEvent& e);  // "id: ..\nevent: ..\ndata: ..\n\n"

// The last event a reconnecting client has seen (Last-Event-ID or ?last_event_id=): -1 for a new
// client, nothing when the id is malformed (answer 400).
std::optional<std::int64_t> resume_point(const Request& request);

}  // namespace elder::server
