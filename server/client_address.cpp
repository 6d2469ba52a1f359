#include "client_address.hpp"

#include <algorithm>

namespace elder::server {
namespace {

namespace ip = boost::asio::ip;

// IPv4 clients of a dual-stack socket arrive as ::ffff:a.b.c.d; they are the same client as a.b.c.d.
ip::address plain(const ip::address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, a.to_v6());
    return a;
}

std::optional<ip::address> parse_address(std::string text) {
    const auto first = text.find_first_not_of(" \t");
    const auto last = text.find_last_not_of(" \t");
    if (first == std::string::npos) return std::nullopt;
    text = text.substr(first, last - first + 1);
    boost::system::error_code ec;
    const ip::address a = ip::make_address(text, ec);
    if (ec) return std::nullopt;
    return plain(a);
}

std::vector<unsigned char> bytes_of(const ip::address& a) {
    if (a.is_v4()) {
        const auto b = a.to_v4().to_bytes();
        return {b.begin(), b.end()};
    }
    const auto b = a.to_v6().to_bytes();
    return {b.begin(), b.end()};
}

// The X-Forwarded-For entries in order, over every such header line (a proxy may add its own line).
std::vector<std::string> forwarded_chain(const Request& request) {
    std::vector<std::string> chain;
    const auto [begin, end] = request.equal_range("X-Forwarded-For");
    for (auto it = begin; it != end; ++it) {
        const std::string value(it->value());
        size_t start = 0;
        while (start <= value.size()) {
            const size_t comma = std::min(value.find(',', start), value.size());
            chain.push_back(value.substr(start, comma - start));
            start = comma + 1;
        }
    }
    return chain;
}

}  // namespace

bool Network::contains(const ip::address& address) const {
    const ip::address a = plain(address);
    if (a.is_v4() != base.is_v4()) return false;
    const std::vector<unsigned char> mine = bytes_of(base), theirs = bytes_of(a);
    for (unsigned bit = 0; bit < prefix; ++bit) {
        const unsigned mask = 0x80u >> (bit % 8);
        if ((mine[bit / 8] & mask) != (theirs[bit / 8] & mask)) return false;
    }
    return true;
}

std::optional<Network> parse_network(const std::string& text) {
    const size_t slash = text.find('/');
    const auto base = parse_address(text.substr(0, slash));
    if (!base) return std::nullopt;
    const unsigned max = base->is_v4() ? 32 : 128;
    if (slash == std::string::npos) return Network{*base, max};
    const std::string bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 || !std::all_of(bits.begin(), bits.end(), ::isdigit)) return std::nullopt;
    const unsigned prefix = static_cast<unsigned>(std::stoul(bits));
    if (prefix > max) return std::nullopt;
    return Network{*base, prefix};
}

TrustedProxies::TrustedProxies(const std::vector<std::string>& networks) {
    for (const std::string& n : networks)
        if (auto parsed = parse_network(n)) networks_.push_back(*parsed);
}

bool TrustedProxies::contains(const ip::address& address) const {
    return std::any_of(networks_.begin(), networks_.end(), [&](const Network& n) { return n.contains(address); });
}

bool TrustedProxies::contains(const std::string& address) const {
    const auto parsed = parse_address(address);
    return parsed && contains(*parsed);
}

std::string client_address(const Request& request, const std::string& peer, const TrustedProxies& proxies) {
    const auto peer_address = parse_address(peer);
    if (!peer_address) return peer;
    if (proxies.empty() || !proxies.contains(*peer_address)) return peer_address->to_string();
    ip::address client = *peer_address;
    const auto chain = forwarded_chain(request);
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const auto hop = parse_address(*it);
        if (!hop) break;  // not an address: nothing to its left can be believed either
        client = *hop;
        if (!proxies.contains(client)) break;  // the first untrusted hop is the client
    }
    return client.to_string();
}

}  // namespace elder::server
