// Request ids (server/request_id.*): a trusted proxy's is kept, anyone else's ignored.
#include <catch2/catch.hpp>

#include "request_id.hpp"

using namespace elder::server;

namespace {

Request with_id(const std::string& id) {
    Request r{http::verb::get, "/api/v1/health", 11};
    r.set("X-Request-Id", id);
    return r;
}

}  // namespace

TEST_CASE("a request id from a trusted proxy is kept and one from anyone else is replaced") {
    const TrustedProxies proxies({"10.0.0.0/8"});
    CHECK(request_id(with_id("lb-7F000001AB12"), "10.1.2.3", proxies) == "lb-7F000001AB12");
    const std::string own = request_id(with_id("lb-7F000001AB12"), "203.0.113.9", proxies);
    CHECK(own != "lb-7F000001AB12");
    CHECK(own.size() > 9);
    CHECK(own[8] == '-');
}

TEST_CASE("a request id that is too long or holds other characters is replaced") {
    const TrustedProxies proxies({"10.0.0.0/8"});
    for (const std::string bad : {std::string(65, 'a'), std::string("a b"), std::string("a\"b"), std::string("\xe4\xb8\xad"), std::string()})
        CHECK(request_id(with_id(bad), "10.1.2.3", proxies) != bad);
    CHECK(request_id(with_id(std::string(64, 'a')), "10.1.2.3", proxies) == std::string(64, 'a'));
}

TEST_CASE("request ids made by the server differ from one request to the next") {
    const TrustedProxies none({});
    const Request plain{http::verb::get, "/", 11};
    CHECK(request_id(plain, "127.0.0.1", none) != request_id(plain, "127.0.0.1", none));
}
