#include "event_hub.hpp"

#include <deque>
#include <optional>
#include <regex>

#include <boost/asio/write.hpp>

#include "router.hpp"

namespace elder::server {

namespace net = boost::asio;

struct EventHub::Subscriber {
    explicit Subscriber(net::ip::tcp::socket s) : socket(std::move(s)) {}
    net::ip::tcp::socket socket;
    std::deque<std::string> queue;
    bool writing = false;
    bool closed = false;
    char read_buffer[256];
};

std::string format_event(const AlertEvent& e) {
    return "id: " + std::to_string(e.id) + "\nevent: " + e.kind + "\ndata: " + e.data + "\n\n";
}

EventHub::EventHub(net::io_context& io, Alerts& alerts, int heartbeat_s)
    : alerts_(alerts), timer_(io), heartbeat_s_(heartbeat_s) {
    heartbeat();
}

std::optional<std::int64_t> resume_point(const Request& request) {
    // Browsers' EventSource cannot set headers on a fresh connection, so the id may also come as
    // ?last_event_id=N; the header wins when both are present.
    std::optional<std::string> resume;
    std::vector<std::string> segments;
    std::map<std::string, std::string> query;
    if (parse_target(std::string(request.target()), segments, query))
        if (const auto q = query.find("last_event_id"); q != query.end()) resume = q->second;
    if (const auto it = request.find("Last-Event-ID"); it != request.end()) resume = std::string(it->value());
    if (!resume) return -1;
    static const std::regex digits("[0-9]{1,18}");
    if (!std::regex_match(*resume, digits)) return std::nullopt;
    return std::stoll(*resume);
}

void EventHub::subscribe(net::ip::tcp::socket socket, const Request& request) {
    auto s = std::make_shared<Subscriber>(std::move(socket));
    const std::optional<std::int64_t> last = resume_point(request);
    if (!last) {
        Response res = problem(http::status::bad_request, "Bad Last-Event-ID", "重新连接的编号不对。", request);
        res.keep_alive(false);
        auto text = std::make_shared<std::string>();
        std::ostringstream out;
        out << res;
        *text = out.str();
        net::async_write(s->socket, net::buffer(*text), [s, text](boost::system::error_code, size_t) {
            boost::system::error_code ignored;
            s->socket.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
        });
        return;
    }
    subscribers_.insert(s);
    send(s, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            "Connection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\nretry: 3000\n\n");
    // A client that reconnects gets what it missed; a new one starts from now.
    if (*last >= 0)
        for (const AlertEvent& e : alerts_.events_after(*last)) send(s, format_event(e));
    // Reading only tells us when the client goes away.
    s->socket.async_read_some(net::buffer(s->read_buffer), [this, s](boost::system::error_code ec, size_t) {
        if (ec) drop(s);
    });
}

void EventHub::publish(const AlertEvent& event) {
    const std::string text = format_event(event);
    for (const auto& s : std::set<std::shared_ptr<Subscriber>>(subscribers_)) send(s, text);
}

void EventHub::heartbeat() {
    timer_.expires_after(std::chrono::seconds(heartbeat_s_));
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        for (const auto& s : std::set<std::shared_ptr<Subscriber>>(subscribers_)) send(s, ": heartbeat\n\n");
        heartbeat();
    });
}

void EventHub::send(const std::shared_ptr<Subscriber>& s, std::string text) {
    if (s->closed) return;
    if (s->queue.size() > 1000) return drop(s);  // a client that stopped reading is let go
    s->queue.push_back(std::move(text));
    if (!s->writing) write_next(s);
}

void EventHub::write_next(const std::shared_ptr<Subscriber>& s) {
    if (s->queue.empty() || s->closed) {
        s->writing = false;
        return;
    }
    s->writing = true;
    net::async_write(s->socket, net::buffer(s->queue.front()), [this, s](boost::system::error_code ec, size_t) {
        if (ec) return drop(s);
        s->queue.pop_front();
        write_next(s);
    });
}

void EventHub::drop(const std::shared_ptr<Subscriber>& s) {
    if (s->closed) return;
    s->closed = true;
    boost::system::error_code ignored;
    s->socket.shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    s->socket.close(ignored);
    subscribers_.erase(s);
}

}  // namespace elder::server
