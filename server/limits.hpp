#pragma once
// How many connections and event streams the server holds, and what one stream may cost. Plain
// numbers, set from the config file (Config) and fitted to the process's descriptor limit at start
// (capacity.hpp).
#include <cstddef>
#include <cstdint>

namespace elder::server {

struct HttpLimits {
    std::uint64_t max_body_bytes = 1024 * 1024;  // a large CAP message is ~60 KB
    std::uint32_t max_header_bytes = 16 * 1024;
    int read_timeout_s = 30;   // to read a whole request, and the longest a kept-alive connection idles
    int write_timeout_s = 30;  // to write a whole answer (or one event of a stream)
};

struct ConnectionLimits {
    int max_connections = 1000;  // all sockets: requests and event streams
    int per_address = 100;       // from one client address
};

struct StreamLimits {
    int max_streams = 500;                 // part of max_connections
    int per_address = 50;                  // streams without a device token, per client address
    int per_device = 2;                    // a device that reconnects replaces its oldest stream
    std::size_t queue_bytes = 64 * 1024;   // waiting to be written, beyond what the kernel holds
    int send_buffer_bytes = 16 * 1024;     // the kernel's buffer for the socket (SO_SNDBUF)
    int write_timeout_s = 30;
};

}  // namespace elder::server
