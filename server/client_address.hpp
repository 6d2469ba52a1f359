#pragma once
// Who the client is, for rate limits: the TCP peer, unless the peer is a reverse proxy the operator
// trusts (config `trusted_proxies`), in which case the proxy's X-Forwarded-For names the client.
// Anyone can write X-Forwarded-For, so it is only believed from a trusted peer, and only as far as
// the chain of trusted proxies goes: the right-most address that is not itself trusted.
#include <optional>
#include <string>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "http_types.hpp"

namespace elder::server {

// An address range: "10.0.0.0/8", "fd00::/8", or one address ("192.168.1.5" = /32, /128 for IPv6).
struct Network {
    boost::asio::ip::address base;
    unsigned prefix = 0;
    bool contains(const boost::asio::ip::address& address) const;
    bool contains(const std::string& address) const;  // false for text that is no address
};

std::optional<Network> parse_network(const std::string& text);

class TrustedProxies {
public:
    explicit TrustedProxies(const std::vector<std::string>& networks);  // already checked by load_config
    bool contains(const boost::asio::ip::address& address) const;
    bool contains(const std::string& address) const;  // false for text that is no address
    bool empty() const { return networks_.empty(); }

private:
    std::vector<Network> networks_;
};

// The client's address as text (the rate-limit key): `peer`, or from X-Forwarded-For when `peer`
// is a trusted proxy.
std::string client_address(const Request& request, const std::string& peer, const TrustedProxies& proxies);

}  // namespace elder::server
