#include "capacity.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace elder::server {
namespace {

constexpr int kReserved = 64;  // database and its journal, logs, the listener, site files, timers
constexpr int kMinConnections = 16;

}  // namespace

int raise_descriptor_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 20));
}

std::vector<std::string> fit_to_descriptors(Config& c, int descriptors) {
    std::vector<std::string> lowered;
    const int usable = std::max(kMinConnections, descriptors - kReserved);
    int& connections = c.connections.max_connections;
    if (connections == 0) connections = usable;
    if (connections > usable) {
        lowered.push_back("max_connections lowered from " + std::to_string(connections) + " to " +
                          std::to_string(usable) + " to fit the descriptor limit (" + std::to_string(descriptors) +
                          "); raise it with LimitNOFILE= or ulimit -n");
        connections = usable;
    }
    // Streams may use at most three quarters, so that requests (a health check, an SOS) always fit.
    const int stream_room = std::max(1, connections * 3 / 4);
    int& streams = c.streams.max_streams;
    if (streams == 0) streams = connections / 2;
    if (streams > stream_room) {
        lowered.push_back("max_streams lowered from " + std::to_string(streams) + " to " + std::to_string(stream_room) +
                          " to leave room for requests beside the streams");
        streams = stream_room;
    }
    return lowered;
}

}  // namespace elder::server
