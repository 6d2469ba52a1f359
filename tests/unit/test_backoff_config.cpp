#include <catch2/catch.hpp>

#include "core/app_config.hpp"
#include "core/backoff.hpp"

using namespace elder;

TEST_CASE("backoff grows, is capped, and jitters within half a step") {
    const Backoff b;
    CHECK(b.delay_ms(0, 0.0) == 125);
    CHECK(b.delay_ms(0, 0.999) <= 250);
    CHECK(b.delay_ms(1, 0.0) == 250);
    CHECK(b.delay_ms(3, 0.0) == 1000);
    for (int attempt = 0; attempt < 100; ++attempt)
        for (double r : {0.0, 0.5, 0.9999}) {
            CHECK(b.delay_ms(attempt, r) <= b.cap_ms);
            CHECK(b.delay_ms(attempt, r) >= std::min(b.cap_ms, b.base_ms << std::min(attempt, 30)) / 2);
        }
    CHECK(b.cap_ms < 5000);  // the server is seen again within 5 s of coming back
    CHECK(b.delay_ms(-5, 2.0) <= b.base_ms);  // nonsense input stays in range
}

TEST_CASE("configuration from JSON") {
    AppConfig c;
    std::string error;
    REQUIRE(apply_config_json(R"({"server_url": "https://community.example.cn/", "device_id": "STB-01",
                                  "surface": "tv", "language": "en", "future": 1})", c, error));
    CHECK(c.server_url == "https://community.example.cn");
    CHECK(c.device_id == "STB-01");
    CHECK(c.language == "en");
    const AppConfig before = c;
    CHECK_FALSE(apply_config_json(R"({"server_url": "ftp://x"})", c, error));
    CHECK(error.find("server_url") != std::string::npos);
    CHECK_FALSE(apply_config_json(R"({"surface": "phone"})", c, error));
    CHECK_FALSE(apply_config_json(R"({"language": 5})", c, error));
    CHECK_FALSE(apply_config_json("[]", c, error));
    CHECK(c.server_url == before.server_url);  // a refused file changes nothing
}

TEST_CASE("configuration from URL parameters") {
    AppConfig c;
    std::string error;
    REQUIRE(apply_config_query("?surface=browser&lang=en&server=http%3A%2F%2F10.0.0.2%3A8080%2F", c, error));
    CHECK(c.surface == Surface::Browser);
    CHECK(c.language == "en");
    CHECK(c.server_url == "http://10.0.0.2:8080");
    CHECK_FALSE(apply_config_query("surface=phone", c, error));
    CHECK(c.surface == Surface::Browser);
    CHECK(apply_config_query("", c, error));
}

TEST_CASE("server URLs") {
    for (std::string bad : {"127.0.0.1:8080", "http://", "http:///x", "https://a b", "http://x?y=1", "javascript://x"}) {
        INFO(bad);
        CHECK_FALSE(normalise_server_url(bad));
    }
    std::string good = "http://127.0.0.1:8080//";
    CHECK(normalise_server_url(good));
    CHECK(good == "http://127.0.0.1:8080");
}
