#pragma once
// The asynchronous HTTP/1.1 server (Boost.Beast): accepts connections, reads requests with size
// limits and timeouts, hands each to the handler, writes the response, keeps connections alive.
// One io_context thread serves every connection, so handlers never run concurrently.
#include <functional>
#include <memory>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "http_rules.hpp"

namespace elder::server {

// Gets the request and the client's IP address.
using RequestHandler = std::function<Response(const Request&, const std::string& peer)>;
// Offered every request first; returns true when it took over the connection (event streams).
using StreamTaker = std::function<bool(const Request&, boost::asio::ip::tcp::socket&)>;

class HttpServer {
public:
    HttpServer(boost::asio::io_context& io, const boost::asio::ip::tcp::endpoint& endpoint, HttpLimits limits,
               RequestHandler handler, bool log_requests = true, StreamTaker stream_taker = nullptr);
    unsigned short port() const;
    void stop();  // stops accepting; open connections finish their current request

private:
    void accept();

    boost::asio::io_context& io_;
    boost::asio::ip::tcp::acceptor acceptor_;
    HttpLimits limits_;
    std::shared_ptr<RequestHandler> handler_;
    bool log_requests_;
    std::shared_ptr<StreamTaker> stream_taker_;
};

}  // namespace elder::server
