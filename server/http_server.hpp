#pragma once
// The asynchronous HTTP/1.1 server (Boost.Beast): accepts connections within the limits of a
// ConnectionTable, reads requests with size limits and timeouts, hands each to the handler, writes
// the response with a deadline, keeps connections alive. One io_context thread serves every
// connection, so handlers never run concurrently.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "connection_table.hpp"
#include "http_rules.hpp"

namespace elder::server {

// Gets the request and the client's IP address, and answers through the callback, at once or
// later (the request stays alive until then).
using RequestHandler = std::function<void(const Request&, const std::string& peer, std::function<void(Response)>)>;
// Offered every request first; returns true when it took over the connection (event streams),
// keeping the connection's slot for as long as it keeps the socket.
using StreamTaker = std::function<bool(const Request&, boost::asio::ip::tcp::socket&,
                                       const std::shared_ptr<ConnectionTable::Slot>&)>;
// True for a peer that speaks for many clients (a trusted reverse proxy): no per-address limit.
using SharedPeer = std::function<bool(const std::string& address)>;

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, HttpLimits limits,
               ConnectionLimits connections, RequestHandler handler, StreamTaker stream_taker = nullptr,
               SharedPeer shared_peer = nullptr);
    unsigned short port() const;
    void stop();  // stops accepting; open connections finish their current request

private:
    void accept();
    void admit(boost::asio::ip::tcp::socket socket);
    void out_of_descriptors();

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    HttpLimits limits_;
    std::shared_ptr<ConnectionTable> table_;
    std::shared_ptr<RequestHandler> handler_;
    std::shared_ptr<StreamTaker> stream_taker_;
    SharedPeer shared_peer_;
    boost::asio::steady_timer accept_retry_;
    std::uint64_t failed_accepts_ = 0;   // for lack of descriptors, since the last log line
    std::chrono::steady_clock::time_point last_failure_log_{};
};

}  // namespace elder::server
