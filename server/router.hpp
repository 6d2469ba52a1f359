#pragma once
// Maps "METHOD /path/{param}" to handlers. An unknown path is 404, a known path with another method 405.
#include <functional>
#include <string>
#include <vector>

#include "http_types.hpp"

namespace elder::server {

using Handler = std::function<Response(const Call&)>;
// Answers later, exactly once, on the I/O thread (work done elsewhere: see offload.hpp). The
// request the Call refers to stays alive until then.
using Respond = std::function<void(Response)>;
using DeferredHandler = std::function<void(const Call&, Respond)>;

class Router {
public:
    void add(http::verb method, const std::string& pattern, Handler handler);
    void add_deferred(http::verb method, const std::string& pattern, DeferredHandler handler);
    // Calls `respond` with the handler's response, or a problem+json 400/404/405; at once for
    // everything but deferred handlers.
    void route(const Request& request, const std::string& peer, const Respond& respond) const;

private:
    struct Route {
        http::verb method;
        std::vector<std::string> segments;  // "{name}" segments capture
        DeferredHandler handler;
    };
    static bool match(const Route& route, const std::vector<std::string>& path, std::map<std::string, std::string>& params);
    std::vector<Route> routes_;
};

// Splits "/a/b?x=1&y=%E4" into path segments and decoded query parameters.
// Returns false for malformed percent-encoding or a decoded part that is not UTF-8.
bool parse_target(const std::string& target, std::vector<std::string>& segments,
                  std::map<std::string, std::string>& query);

}  // namespace elder::server
