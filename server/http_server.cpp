#include "http_server.hpp"

#include <optional>

#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>

#include "log.hpp"

namespace elder::server {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(tcp::socket socket, HttpLimits limits, std::shared_ptr<RequestHandler> handler, bool log_requests,
            std::shared_ptr<StreamTaker> stream_taker)
        : stream_(std::move(socket)), limits_(limits), handler_(std::move(handler)), log_requests_(log_requests),
          stream_taker_(std::move(stream_taker)) {}

    void start() { read(); }

private:
    void read() {
        parser_.emplace();
        apply_limits(*parser_, limits_);
        stream_.expires_after(std::chrono::seconds(limits_.read_timeout_s));
        http::async_read(stream_, buffer_, *parser_, beast::bind_front_handler(&Session::on_read, shared_from_this()));
    }

    void on_read(beast::error_code ec, std::size_t) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout || ec == net::error::connection_reset)
            return close();
        if (ec) return write(unreadable_request(ec, limits_));
        const Request request = parser_->release();
        if (auto refused = refused_request(request)) return write(std::move(*refused));
        if (*stream_taker_) {
            stream_.expires_never();  // event streams stay open; the hub watches them
            if (guarded(request, [&] { return (*stream_taker_)(request, stream_.socket()); })) return;
        }
        const auto started = std::chrono::steady_clock::now();
        beast::error_code ignored;
        const auto remote = stream_.socket().remote_endpoint(ignored);
        const std::string peer = ignored ? std::string() : remote.address().to_string();
        std::optional<Response> response;
        guarded(request, [&] { return response.emplace((*handler_)(request, peer)), true; });
        if (!response) response = internal_error(request.version());
        if (log_requests_)
            log_request(request, static_cast<int>(response->result_int()),
                        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count());
        write(std::move(*response));
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
    beast::flat_buffer buffer_;
    HttpLimits limits_;
    std::shared_ptr<RequestHandler> handler_;
    bool log_requests_;
    std::shared_ptr<StreamTaker> stream_taker_;
    std::optional<http::request_parser<http::string_body>> parser_;
    std::shared_ptr<Response> response_;
    char drain_buffer_[16 * 1024];
};

}  // namespace

HttpServer::HttpServer(net::io_context& io, const tcp::endpoint& endpoint, HttpLimits limits, RequestHandler handler,
                       bool log_requests, StreamTaker stream_taker)
    : io_(io), acceptor_(io), limits_(limits), handler_(std::make_shared<RequestHandler>(std::move(handler))),
      log_requests_(log_requests), stream_taker_(std::make_shared<StreamTaker>(std::move(stream_taker))) {
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
}

void HttpServer::accept() {
    acceptor_.async_accept(io_, [this](beast::error_code ec, tcp::socket socket) {
        if (ec == net::error::operation_aborted) return;  // stopped
        if (!ec) std::make_shared<Session>(std::move(socket), limits_, handler_, log_requests_, stream_taker_)->start();
        accept();
    });
}

}  // namespace elder::server
