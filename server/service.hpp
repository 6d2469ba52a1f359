#pragma once
// The whole reference server but its sockets: the database, the stores, the routes and the site,
// put together from a Config. main() serves it over HttpServer; the HTTP fuzzer calls it directly.
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "api.hpp"
#include "config.hpp"
#include "event_hub.hpp"
#include "static_files.hpp"

namespace elder::server {

class Service {
public:
    // Opens and migrates the database and seeds demo content if the config asks for it.
    // Throws when the database cannot be opened or the demo content is malformed.
    Service(const Config& config, boost::asio::io_context& io);

    // The answer to one request: API paths go to the router, the rest to the site; CORS only for
    // configured origins. Throws only on a bug; the connection turns that into a 500.
    Response handle(const Request& request, const std::string& peer);
    // Takes over the connection of an alert stream request (GET /api/v1/alerts/stream).
    bool take_stream(const Request& request, boost::asio::ip::tcp::socket& socket);

    int schema_version() const { return schema_version_; }

private:
    const Config& config_;
    Database db_;
    int schema_version_;
    EventHub* hub_ = nullptr;  // set once built: alerts published while seeding reach no one
    Alerts alerts_;
    EventHub event_hub_;
    Auth auth_;
    IdNumbers id_numbers_;
    Router router_;
    StaticFiles site_;
};

}  // namespace elder::server
