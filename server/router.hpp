#pragma once
// Maps "METHOD /path/{param}" to handlers. An unknown path is 404, a known path with another method 405.
#include <functional>
#include <string>
#include <vector>

#include "http_types.hpp"

namespace elder::server {

using Handler = std::function<Response(const Call&)>;

class Router {
public:
    void add(http::verb method, const std::string& pattern, Handler handler);
    // Returns the handler's response, or a problem+json 400/404/405.
    Response route(const Request& request, const std::string& peer) const;

private:
    struct Route {
        http::verb method;
        std::vector<std::string> segments;  // "{name}" segments capture
        Handler handler;
    };
    static bool match(const Route& route, const std::vector<std::string>& path, std::map<std::string, std::string>& params);
    std::vector<Route> routes_;
};

// Splits "/a/b?x=1&y=%E4" into path segments and decoded query parameters.
// Returns false for malformed percent-encoding or a decoded part that is not UTF-8.
bool parse_target(const std::string& target, std::vector<std::string>& segments,
                  std::map<std::string, std::string>& query);

}  // namespace elder::server
