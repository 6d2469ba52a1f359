#pragma once
// The alert stream (server-sent events): keeps every subscriber's connection, replays what a
// reconnecting client missed (Last-Event-ID), pushes new events to all, and sends a heartbeat
// comment every 15 s so that proxies and clients know the connection is alive.
#include <memory>
#include <optional>
#include <set>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "alerts.hpp"
#include "http_types.hpp"

namespace elder::server {

class EventHub {
public:
    EventHub(boost::asio::io_context& io, Alerts& alerts, int heartbeat_s = 15);
    // Takes over the connection of a stream request; answers 400 itself for a bad Last-Event-ID.
    void subscribe(boost::asio::ip::tcp::socket socket, const Request& request);
    void publish(const AlertEvent& event);
    size_t subscribers() const { return subscribers_.size(); }

    struct Subscriber;

private:
    void heartbeat();
    void send(const std::shared_ptr<Subscriber>& s, std::string text);
    void write_next(const std::shared_ptr<Subscriber>& s);
    void drop(const std::shared_ptr<Subscriber>& s);

    Alerts& alerts_;
    boost::asio::steady_timer timer_;
    int heartbeat_s_;
    std::set<std::shared_ptr<Subscriber>> subscribers_;
};

std::string format_event(const AlertEvent& e);  // "id: ..\nevent: ..\ndata: ..\n\n"

// The last event a reconnecting client has seen (Last-Event-ID or ?last_event_id=): -1 for a new
// client, nothing when the id is malformed (answer 400).
std::optional<std::int64_t> resume_point(const Request& request);

}  // namespace elder::server
