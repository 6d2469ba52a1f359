// The reference server: the REST contract of shared/api/openapi.yaml over SQLite, and the kiosk site.
#include <unistd.h>

#include <cstdio>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "add_staff.hpp"
#include "capacity.hpp"
#include "config.hpp"
#include "database.hpp"
#include "http_server.hpp"
#include "log.hpp"
#include "service.hpp"

namespace net = boost::asio;
using namespace elder::server;

namespace {

// Runs the event loop until it is stopped. An exception that escapes a handler would end
// io.run(); the loop is entered again so that one bad event cannot stop alerts and SOS for everyone.
void run_forever(net::io_context& io) {
    for (;;) {
        try {
            io.run();
            return;
        } catch (const std::exception& e) {
            log_event("error", "event handler failed; serving on", {{"error", e.what()}});
        } catch (...) {
            log_event("error", "event handler failed; serving on", {{"error", "unknown exception"}});
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    Config config;
    std::string error;
    bool help = false;
    if (!load_config(argc, argv, config, error, help)) {
        std::fprintf(stderr, "elder-server: %s\n\n%s", error.c_str(), config_help().c_str());
        return 2;
    }
    if (help) {
        std::printf("%s", config_help().c_str());
        return 0;
    }
    if (!config.add_staff.empty()) return add_staff_command(config);
    const int descriptors = raise_descriptor_limit();
    for (const std::string& note : fit_to_descriptors(config, descriptors)) log_event("warning", note);
    try {
        net::io_context io;
        Service service(config, io);
        HttpServer server(
            io, {net::ip::make_address(config.host), static_cast<unsigned short>(config.port)},
            config.http, config.connections,
            [&](const Request& request, const std::string& peer, Respond respond) {
                service.handle(request, peer, std::move(respond));
            },
            [&](const Request& request, net::ip::tcp::socket& socket,
                const std::shared_ptr<ConnectionTable::Slot>& slot) { return service.take_stream(request, socket, slot); },
            [&](const std::string& address) { return service.is_trusted_proxy(address); });
        net::signal_set signals(io, SIGINT, SIGTERM);
        signals.async_wait([&](const boost::system::error_code&, int signal) {
            log_event("info", "stopping", {{"signal", signal}});
            server.stop();
            io.stop();  // handlers run to completion on this thread, so no write is cut in half
        });
        log_event("info", "listening", {{"host", config.host}, {"port", server.port()}, {"pid", getpid()}, {"db", redacted_location(config.db_path)},
                                        {"schema_version", service.schema_version()}, {"web_root", config.web_root},
                                        {"descriptors", descriptors},
                                        {"max_connections", config.connections.max_connections},
                                        {"max_streams", config.streams.max_streams}});
        run_forever(io);
        log_event("info", "stopped");
        return 0;
    } catch (const std::exception& e) {
        log_event("error", "cannot start", {{"error", e.what()}});
        std::fprintf(stderr, "elder-server: %s\n", e.what());
        return 1;
    }
}
