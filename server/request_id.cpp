#include "request_id.hpp"

#include <atomic>
#include <cstdio>

#include <sodium.h>

namespace elder::server {
namespace {

bool acceptable(std::string_view id) {
    if (id.empty() || id.size() > 64) return false;
    for (const char c : id)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
              c == ':' || c == '-'))
            return false;
    return true;
}

// Eight hex digits of this process, so that two replicas' counters never give the same id.
const std::string& process_prefix() {
    static const std::string prefix = [] {
        if (sodium_init() < 0) return std::string("00000000");  // no randomness: ids still count up
        char text[9];
        std::snprintf(text, sizeof text, "%08x", randombytes_random());
        return std::string(text);
    }();
    return prefix;
}

}  // namespace

std::string request_id(const Request& request, const std::string& peer, const TrustedProxies& proxies) {
    if (const auto it = request.find("X-Request-Id"); it != request.end() && proxies.contains(peer))
        if (const std::string_view given(it->value().data(), it->value().size()); acceptable(given)) return std::string(given);
    static std::atomic<unsigned long long> counter{0};
    return process_prefix() + "-" + std::to_string(++counter);
}

}  // namespace elder::server
