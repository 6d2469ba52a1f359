#pragma once
// One id per request, the same in the load balancer's log, every replica's log line and the
// answer's X-Request-Id header, so that an operator follows one request across machines.
// A trusted proxy's X-Request-Id is kept (HAProxy's unique-id-header, docs/DEPLOYMENT.md); anyone
// else's is ignored, and so is one that is not 1-64 letters, digits and ._:- (it is logged).
// Without one, the replica makes its own: a random prefix chosen at start and a counter.
#include <string>

#include "client_address.hpp"
#include "http_types.hpp"

namespace elder::server {

std::string request_id(const Request& request, const std::string& peer, const TrustedProxies& proxies);

}  // namespace elder::server
