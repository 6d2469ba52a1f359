#pragma once
// The whole reference server but its sockets: the database, the stores, the routes and the site,
// put together from a Config. main() serves it over HttpServer; the HTTP fuzzer calls it directly.
#include <memory>
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>

#include "api.hpp"
#include "client_address.hpp"
#include "config.hpp"
#include "event_hub.hpp"
#include "static_files.hpp"
#include "stream_presence.hpp"

namespace elder::server {

class Service {
public:
    // Opens and migrates the database and seeds demo content if the config asks for it.
    // Throws when the database cannot be opened or the demo content is malformed.
    Service(const Config& config, boost::asio::io_context& io);

    // Answers one request through `respond` (at once, or later for work done off the I/O thread;
    // `request` must live until then): API paths go to the router, the rest to the site; CORS only
    // for configured origins. Throws only on a bug; the connection turns that into a 500.
    // `peer` is the TCP peer; the client is found from it (client_address()).
    void handle(const Request& request, const std::string& peer, Respond respond);
    // Takes over the connection of an alert stream request (GET /api/v1/alerts/stream), with the
    // slot it holds among the server's connections.
    bool take_stream(const Request& request, boost::asio::ip::tcp::socket& socket,
                     const std::shared_ptr<ConnectionTable::Slot>& slot);

    int schema_version() const { return schema_version_; }
    // A reverse proxy from config `trusted_proxies`: it speaks for many clients.
    bool is_trusted_proxy(const std::string& address) const;

private:
    // Who called, for the request log: "staff", "resident:12", "device:7", "invalid token" or "".
    std::string principal_label(const Request& request);
    // Staff endpoints: an address that keeps presenting wrong staff credentials is made to wait.
    std::optional<Response> guard_staff(const Request& request, const std::string& client);
    // Every few seconds, the periodic checks.
    void tick();
    // SOS requests nobody claimed in time become overdue (raised to every desk); content scheduled
    // for now goes live; households that did not confirm a severe alert or check in go on the call
    // list. Also run at once when a test moves the clock (--dev-clock).
    void run_periodic_checks();
    // POST /api/v1/dev/clock (--dev-clock only).
    void add_dev_clock_route();

    const Config& config_;
    TrustedProxies proxies_;
    std::unique_ptr<Database> store_;  // SQLite or PostgreSQL, by config.db_path
    Database& db_;
    int schema_version_;
    EventHub* hub_ = nullptr;  // set once built: alerts published while seeding reach no one
    EventLog events_;
    Alerts alerts_;
    EventHub event_hub_;
    StreamPresence presence_;  // which boxes have a stream open on any replica
    Auth auth_;
    StaffAuth staff_;
    boost::asio::steady_timer tick_timer_;
    Offload offload_;
    IdNumbers id_numbers_;
    Router router_;
    StaticFiles site_;
};

}  // namespace elder::server
