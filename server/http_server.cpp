#include "http_server.hpp"

#include <cerrno>
#include <optional>
#include <sstream>

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include "log.hpp"

namespace elder::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Session : public Evictable, public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, std::shared_ptr<ConnectionTable::Slot> slot, std::shared_ptr<ConnectionTable> table,
            HttpLimits limits, std::shared_ptr<RequestHandler> handler, std::shared_ptr<StreamTaker> stream_taker)
        : stream_(std::move(socket)), slot_(std::move(slot)), table_(std::move(table)), ticket_(table_->no_ticket()),
          limits_(limits), handler_(std::move(handler)), stream_taker_(std::move(stream_taker)) {}
    ~Session() override { table_->done_waiting(ticket_); }

    void start() { read(); }

    // The table has already dropped this connection's ticket.
    void evict() override {
        ticket_ = table_->no_ticket();
        beast::error_code ignored;
        stream_.socket().close(ignored);  // the pending read ends with operation_aborted
    }

private:
    void read() {
        ticket_ = table_->waiting(weak_from_this(), slot_->address());
        parser_.emplace();
        apply_limits(*parser_, limits_);
        stream_.expires_after(std::chrono::seconds(limits_.read_timeout_s));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        table_->done_waiting(ticket_);
        ticket_ = table_->no_ticket();
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::connection_reset ||
            ec == net::error::operation_aborted || !stream_.socket().is_open())
            return close();
        if (ec) return write(unreadable_request(ec, limits_));
        request_ = parser_->release();
        if (auto refused = refused_request(request_)) return write(std::move(*refused));
        if (*stream_taker_) {
            stream_.expires_never();  // event streams stay open; the hub watches them
            if (guarded(request_, [&] { return (*stream_taker_)(request_, stream_.socket(), slot_); })) return;
        }
        answered_ = false;
        const bool handled = guarded(request_, [&] {
            (*handler_)(request_, slot_->address(), [self = shared_from_this()](Response r) { self->answer(std::move(r)); });
            return true;
        });
        if (!handled && !answered_) answer(internal_error(request_.version()));
    }

    void answer(Response response) {
        if (answered_) return;  // a handler that threw after answering
        answered_ = true;
        write(std::move(response));
    }

    // Runs `f`; whatever it throws is logged and ends here, so no request can stop the server.
    template <class F> static bool guarded(const Request& request, F f) {
        try {
            return f();
        } catch (const std::exception& e) {
            log_event("error", "request failed", {{"method", std::string(request.method_string())},
                                                  {"path", request_path(request)}, {"error", e.what()}});
        } catch (...) {
            log_event("error", "request failed", {{"path", request_path(request)}, {"error", "unknown exception"}});
        }
        return false;
    }

    void write(Response response) {
        response_ = std::make_shared<Response>(std::move(response));
        stream_.expires_after(std::chrono::seconds(limits_.write_timeout_s));  // a client that stops reading is cut
        http::async_write(stream_, *response_, beast::bind_front_handler(&Session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec || !response_->keep_alive()) return close();
        read();
    }

    // Half-closes, then reads and discards what the client still sends (the rest of an oversize
    // body) for a few seconds: closing with unread data would reset the connection and the
    // client would never see the 413.
    void close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        drain();
    }

    void drain() {
        stream_.async_read_some(net::buffer(drain_buffer_), [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (!ec) self->drain();
        });
    }

    beast::tcp_stream stream_;
    std::shared_ptr<ConnectionTable::Slot> slot_;
    std::shared_ptr<ConnectionTable> table_;
    ConnectionTable::WaitTicket ticket_;
    beast::flat_buffer buffer_;
    HttpLimits limits_;
    std::shared_ptr<RequestHandler> handler_;
    std::shared_ptr<StreamTaker> stream_taker_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Request request_;  // until it is answered: a deferred handler reads it later
    bool answered_ = false;
    std::shared_ptr<Response> response_;
    char drain_buffer_[16 * 1024];
};

// Written without waiting to a connection refused at the door (its address holds its whole
// allowance of busy connections); the client learns why and when to come back.
const std::string& busy_answer() {
    static const std::string text = [] {
        Request at_the_door{http::verb::get, "/", 11};
        Response res = retry_later(http::status::service_unavailable, "Too many connections", "连接太多了，请稍后再试。",
                                   at_the_door, 10);
        res.keep_alive(false);
        std::ostringstream out;
        out << res;
        return out.str();
    }();
    return text;
}

bool lack_of_descriptors(const beast::error_code& ec) {
    return ec == net::error::no_descriptors || ec == net::error::no_buffer_space || ec == net::error::no_memory ||
           ec.value() == ENFILE;
}

}  // namespace

HttpServer::HttpServer(net::io_context& io, const tcp::endpoint& endpoint, HttpLimits limits,
                       ConnectionLimits connections, RequestHandler handler, StreamTaker stream_taker,
                       SharedPeer shared_peer)
    : io_(io), acceptor_(io), limits_(limits), table_(std::make_shared<ConnectionTable>(connections)),
      handler_(std::make_shared<RequestHandler>(std::move(handler))),
      stream_taker_(std::make_shared<StreamTaker>(std::move(stream_taker))), shared_peer_(std::move(shared_peer)),
      accept_retry_(io) {
    acceptor_.open(endpoint.protocol());
    acceptor_.set_option(net::socket_base::reuse_address(true));
    acceptor_.bind(endpoint);
    acceptor_.listen(net::socket_base::max_listen_connections);
    accept();
}

unsigned short HttpServer::port() const { return acceptor_.local_endpoint().port(); }

void HttpServer::stop() {
    beast::error_code ignored;
    acceptor_.close(ignored);
    accept_retry_.cancel();
}

void HttpServer::accept() {
    acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;  // stopped
        if (lack_of_descriptors(ec)) return out_of_descriptors();
        if (!ec) admit(std::move(socket));
        accept();
    });
}

void HttpServer::admit(tcp::socket socket) {
    beast::error_code ec;
    const auto remote = socket.remote_endpoint(ec);
    if (ec) return;  // already gone
    const std::string address = remote.address().to_string();
    auto slot = table_->admit(address, shared_peer_ && shared_peer_(address));
    if (!slot) {
        socket.non_blocking(true, ec);
        socket.write_some(net::buffer(busy_answer()), ec);  // best effort: never wait for this client
        socket.close(ec);
        return;
    }
    std::make_shared<Session>(std::move(socket), std::move(slot), table_, limits_, handler_, stream_taker_)->start();
}

// accept() failing for lack of descriptors would fail again at once (the connection stays in the
// kernel's queue), spinning the only thread. Instead: let go of the connection that waited longest,
// and try again shortly; the queued client is served then.
void HttpServer::out_of_descriptors() {
    ++failed_accepts_;
    const auto now = std::chrono::steady_clock::now();
    if (now - last_failure_log_ > std::chrono::seconds(10)) {
        log_event("warning", "out of file descriptors: accepting again shortly",
                  {{"failed_accepts", failed_accepts_}, {"open_connections", table_->open()}});
        failed_accepts_ = 0;
        last_failure_log_ = now;
    }
    for (int i = 0; i < 4; ++i) table_->evict_oldest_waiting();  // room for the next few in the queue
    accept_retry_.expires_after(std::chrono::milliseconds(50));
    accept_retry_.async_wait([this](beast::error_code ec) {
        if (!ec) accept();
    });
}

}  // namespace elder::server
