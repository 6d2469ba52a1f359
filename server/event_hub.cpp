#include "event_hub.hpp"

#include <algorithm>
#include <deque>
#include <regex>
#include <sstream>

#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "router.hpp"

namespace elder::server {

namespace net = boost::asio;
namespace beast = boost::beast;

namespace {

constexpr std::int64_t kLive = -1;          // not replaying
constexpr std::int64_t kReplayBatch = 16;   // events read from the database at a time
constexpr std::uint64_t kMaxReceived = 4096;  // a stream client has nothing to say

// Writes a whole answer to a connection that is then closed (a refused stream).
void answer_and_close(net::ip::tcp::socket socket, Response res) {
    res.keep_alive(false);
    std::ostringstream out;
    out << res;
    auto text = std::make_shared<std::string>(out.str());
    auto s = std::make_shared<beast::tcp_stream>(std::move(socket));
    s->expires_after(std::chrono::seconds(5));
    net::async_write(*s, net::buffer(*text), [s, text](boost::system::error_code, size_t) {
        boost::system::error_code ignored;
        s->socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    });
}

}  // namespace

struct EventHub::Subscriber {
    Subscriber(net::ip::tcp::socket s, std::shared_ptr<ConnectionTable::Slot> slot, std::string address,
               std::int64_t device, std::string staff_session, std::int64_t household)
        : stream(std::move(s)), slot(std::move(slot)), address(std::move(address)), device(device),
          staff_session(std::move(staff_session)), household(household) {}
    beast::tcp_stream stream;
    std::shared_ptr<ConnectionTable::Slot> slot;  // counts this socket among the server's connections
    std::string address;
    std::int64_t device;
    std::string staff_session;  // a staff member's stream (staff events too): their session
    std::int64_t household;     // the household of the box or resident whose token came (its events too)
    bool staff() const { return !staff_session.empty(); }
    bool wants(const AlertEvent& e) const {
        return e.audience == Audience::Public || (e.audience == Audience::Staff && staff()) ||
               (e.audience == Audience::Household && household != 0 && e.household_id == household);
    }
    std::deque<std::string> queue;
    std::size_t queued_bytes = 0;
    std::int64_t replay_after = kLive;  // replaying: the last event id sent
    std::int64_t last_sent = 0;         // the newest event id this stream has had
    bool writing = false;
    bool closed = false;
    bool closing = false;  // dropped once its queue is written
    std::uint64_t received = 0;
    char read_buffer[256];
};

std::string format_event(const AlertEvent& e) {
    return "id: " + std::to_string(e.id) + "\nevent: " + e.kind + "\ndata: " + e.data + "\n\n";
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
    if (!resume) return kLive;
    static const std::regex digits("[0-9]{1,18}");
    if (!std::regex_match(*resume, digits)) return std::nullopt;
    return std::stoll(*resume);
}

EventHub::EventHub(net::io_context& io, EventLog& events, int heartbeat_s, StreamLimits limits, int poll_ms)
    : events_(events), timer_(io), poll_timer_(io), heartbeat_s_(heartbeat_s), poll_ms_(poll_ms), wakeup_socket_(io),
      limits_(limits) {
    heartbeat();
}

EventHub::~EventHub() { close_wakeup(); }

void EventHub::start() {
    fanned_ = events_.last_id();
    listen();
    poll();
}

void EventHub::poll() {
    poll_timer_.expires_after(std::chrono::milliseconds(poll_ms_));
    poll_timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        listen();
        catch_up();
        poll();
    });
}

void EventHub::listen() {
    if (wakeup_ || std::chrono::steady_clock::now() < next_listen_) return;
    next_listen_ = std::chrono::steady_clock::now() + std::chrono::seconds(5);  // not at every poll while it is away
    try {
        wakeup_ = events_.listen();
    } catch (const DatabaseError&) {
        return;  // polling carries on meanwhile
    }
    if (!wakeup_) return;
    wakeup_socket_.assign(wakeup_->socket());
    await_wakeup();
}

void EventHub::await_wakeup() {
    wakeup_socket_.async_wait(net::posix::stream_descriptor::wait_read, [this](boost::system::error_code ec) {
        if (ec == net::error::operation_aborted || !wakeup_) return;
        if (ec || !wakeup_->consume()) return close_wakeup();  // listen() opens another
        catch_up();
        await_wakeup();
    });
}

void EventHub::close_wakeup() {
    if (!wakeup_) return;
    boost::system::error_code ignored;
    wakeup_socket_.cancel(ignored);
    wakeup_socket_.release();  // the connection's own socket: closed by the wake-up itself
    wakeup_.reset();
}

void EventHub::catch_up() {
    if (fanned_ < 0) return;  // still seeding: nobody is connected
    try {
        for (;;) {
            const auto events = events_.tail(fanned_, 256);
            for (const AlertEvent& e : events) {
                if (e.audience == Audience::Device) hang_up_device(e.device_id);
                else publish(e);
                fanned_ = e.id;
            }
            if (events.size() < 256) return;
        }
    } catch (const DatabaseError&) {
        // The database is away (a restart): the next poll reads on from the same place.
    }
}

std::optional<Response> EventHub::refusal(const Request& request, const std::string& address, std::int64_t device_id) {
    if (!resume_point(request))
        return problem(http::status::bad_request, "Bad Last-Event-ID", "重新连接的编号不对。", request);
    if (static_cast<int>(subscribers_.size()) >= limits_.max_streams)
        return retry_later(http::status::service_unavailable, "Too many streams", "现在连接的设备太多了，请稍后再试。",
                           request, 30);
    const auto it = per_address_.find(address);
    if (!device_id && it != per_address_.end() && it->second >= limits_.per_address)
        return retry_later(http::status::too_many_requests, "Too many streams from this address",
                           "这个网络连接的设备太多了，请稍后再试。", request, 30);
    return std::nullopt;
}

void EventHub::subscribe(net::ip::tcp::socket socket, const Request& request,
                         std::shared_ptr<ConnectionTable::Slot> slot, const std::string& address,
                         std::int64_t device_id, std::string staff_session, std::int64_t household_id) {
    if (auto refused = refusal(request, address, device_id)) return answer_and_close(std::move(socket), *refused);
    // A device's newest stream wins: the older one is most likely a connection its box has given up.
    // (Looked up again each time: dropping the last one removes the device's entry.)
    for (auto it = per_device_.find(device_id); device_id && it != per_device_.end() &&
                                                static_cast<int>(it->second.size()) >= limits_.per_device;
         it = per_device_.find(device_id))
        drop(it->second.front());
    boost::system::error_code ignored;
    socket.set_option(net::socket_base::send_buffer_size(limits_.send_buffer_bytes), ignored);
    auto s = std::make_shared<Subscriber>(std::move(socket), std::move(slot), address, device_id,
                                          std::move(staff_session), household_id);
    subscribers_.insert(s);
    ++per_address_[address];
    if (device_id) {
        auto& mine = per_device_[device_id];
        mine.push_back(s);
        if (mine.size() == 1 && device_presence_) device_presence_(device_id, true);
    }
    // A reconnecting client gets what it missed, read as it takes it; a new one starts from now.
    s->replay_after = *resume_point(request);
    s->last_sent = std::max<std::int64_t>(0, s->replay_after);
    send(s, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
            "Connection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\nretry: 3000\n\n");
    read_until_closed(s);
}

// Reading only tells us when the client goes away; a client that sends much is let go.
void EventHub::read_until_closed(const std::shared_ptr<Subscriber>& s) {
    s->stream.socket().async_read_some(net::buffer(s->read_buffer), [this, s](boost::system::error_code ec, size_t n) {
        s->received += n;
        if (ec || s->received > kMaxReceived) return drop(s);
        read_until_closed(s);
    });
}

void EventHub::publish(const AlertEvent& event) {
    const std::string text = format_event(event);
    for (const auto& s : std::set<std::shared_ptr<Subscriber>>(subscribers_))
        // A replaying client reads it from the database; one that read past it there has had it.
        if (s->replay_after == kLive && s->wants(event) && event.id > s->last_sent) {
            s->last_sent = event.id;
            send(s, text);
        }
}

// A session the database cannot be asked about now counts as alive until the next heartbeat.
bool EventHub::session_alive(const std::string& session) const {
    try {
        return staff_session_alive_(session);
    } catch (const DatabaseError&) {
        return true;
    }
}

void EventHub::heartbeat() {
    timer_.expires_after(std::chrono::seconds(heartbeat_s_));
    timer_.async_wait([this](boost::system::error_code ec) {
        if (ec) return;
        for (const auto& s : std::set<std::shared_ptr<Subscriber>>(subscribers_)) {
            // A staff stream ends with its session (expired, signed out or revoked): the console
            // is told, so that a dispatcher is never left watching a queue that no longer moves.
            if (s->staff() && staff_session_alive_ && !session_alive(s->staff_session)) {
                send(s, "event: signed_out\ndata: {}\n\n");
                s->closing = true;
                continue;
            }
            send(s, ": heartbeat\n\n");
        }
        heartbeat();
    });
}

void EventHub::send(const std::shared_ptr<Subscriber>& s, std::string text) {
    if (s->closed) return;
    if (s->queued_bytes + text.size() > limits_.queue_bytes) return drop(s);  // it stopped reading
    s->queued_bytes += text.size();
    s->queue.push_back(std::move(text));
    if (!s->writing) write_next(s);
}

// Queues the next few missed events; false when the replay has caught up (the client is live).
bool EventHub::replay_some(const std::shared_ptr<Subscriber>& s) {
    if (s->replay_after == kLive) return false;
    std::vector<AlertEvent> events;
    try {
        events = events_.after(s->replay_after, s->staff(), s->household, kReplayBatch);
    } catch (const DatabaseError&) {
        // The database is away: the client reconnects (retry: 3000) and resumes where it was.
        s->closing = true;
        return false;
    }
    if (events.empty()) {
        s->replay_after = kLive;
        return false;
    }
    for (const AlertEvent& e : events) {  // up to half the budget, leaving room for live heartbeats
        std::string text = format_event(e);
        s->queued_bytes += text.size();
        s->queue.push_back(std::move(text));
        s->replay_after = s->last_sent = e.id;
        if (s->queued_bytes >= limits_.queue_bytes / 2) break;
    }
    return true;
}

void EventHub::write_next(const std::shared_ptr<Subscriber>& s) {
    if (s->closed || (s->queue.empty() && !replay_some(s))) {
        s->writing = false;
        if (s->closing) return drop(s);
        s->stream.expires_never();
        return;
    }
    s->writing = true;
    s->stream.expires_after(std::chrono::seconds(limits_.write_timeout_s));
    net::async_write(s->stream, net::buffer(s->queue.front()), [this, s](boost::system::error_code ec, size_t) {
        if (ec) return drop(s);
        s->queued_bytes -= s->queue.front().size();
        s->queue.pop_front();
        write_next(s);
    });
}

void EventHub::hang_up_device(std::int64_t device_id) {
    const auto it = per_device_.find(device_id);
    if (it == per_device_.end()) return;
    for (const auto& s : std::deque<std::shared_ptr<Subscriber>>(it->second)) drop(s);
}

void EventHub::drop(const std::shared_ptr<Subscriber>& s) {
    if (s->closed) return;
    s->closed = true;
    boost::system::error_code ignored;
    s->stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
    s->stream.socket().close(ignored);
    subscribers_.erase(s);
    if (const auto it = per_address_.find(s->address); it != per_address_.end() && --it->second <= 0) per_address_.erase(it);
    if (s->device) {
        auto& mine = per_device_[s->device];
        mine.erase(std::remove(mine.begin(), mine.end(), s), mine.end());
        if (mine.empty()) {
            per_device_.erase(s->device);
            if (device_presence_) device_presence_(s->device, false);
        }
    }
}

}  // namespace elder::server
