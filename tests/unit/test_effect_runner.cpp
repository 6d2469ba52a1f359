// The effect runner with the real native services: network answers come back as actions for the
// resource that asked, the offline copy survives a restart, timers fire, and nothing blocks.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "fake_server.hpp"
#include "platform/clock.hpp"
#include "platform/effect_runner.hpp"

using namespace elder;
using elder::test::FakeServer;
using elder::test::reply;

namespace {

std::string temp_dir() {
    char pattern[] = "/tmp/elder-runner-XXXXXX";
    REQUIRE(mkdtemp(pattern));
    return pattern;
}

ServiceOptions options_for(const std::string& server_url, const std::string& dir) {
    ServiceOptions o;
    o.server_url = server_url;
    o.storage_dir = dir;
    o.live_alerts = false;
    return o;
}

// Polls until an action of type A arrives (or 5 s pass).
template <class A>
std::optional<A> wait_for(EffectRunner& runner) {
    for (int i = 0; i < 500; ++i) {
        for (const Action& a : runner.poll())
            if (const A* x = std::get_if<A>(&a)) return *x;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("an HTTP effect comes back as HttpDone for the same resource, with its ETag") {
    std::string seen;
    FakeServer server([&](int fd, const std::string& request) {
        seen = request;
        reply(fd, "HTTP/1.1 200 OK\r\nETag: \"s2\"\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");
    });
    EffectRunner runner(options_for("http://127.0.0.1:" + std::to_string(server.port), temp_dir()), nullptr);
    runner.run(HttpGet{{Resource::Policy, 7}, "/api/v1/policies/7", "\"s1\""});
    const auto done = wait_for<HttpDone>(runner);
    REQUIRE(done);
    CHECK(done->key == ResourceKey{Resource::Policy, 7});
    CHECK(done->status == 200);
    CHECK(done->etag == "\"s2\"");
    CHECK(seen.rfind("GET /api/v1/policies/7 ", 0) == 0);
    CHECK(seen.find("If-None-Match: \"s1\"") != std::string::npos);
}

TEST_CASE("no server: HttpDone with status 0, never an exception or a hang") {
    EffectRunner runner(options_for("http://127.0.0.1:1", temp_dir()), nullptr);
    runner.run(HttpGet{{Resource::Site}, "/api/v1/site", ""});
    const auto done = wait_for<HttpDone>(runner);
    REQUIRE(done);
    CHECK(done->status == 0);
    CHECK_FALSE(done->error.empty());
}

TEST_CASE("the offline copy written by one run is read by the next") {
    const std::string dir = temp_dir();
    {
        EffectRunner runner(options_for("http://127.0.0.1:1", dir), nullptr);
        runner.run(WriteCache{"cache.site", "{\"etag\":\"x\",\"pages\":[\"{}\"]}"});
        runner.run(WriteCache{"cache.policy.3", "old"});
        runner.run(RemoveCache{"cache.policy.3"});
    }  // the writer finishes its queue before the runner is gone
    EffectRunner next(options_for("http://127.0.0.1:1", dir), nullptr);
    next.run(ReadCache{{Resource::Site}});
    next.run(ReadCache{{Resource::Policy, 3}});
    const auto actions = next.poll();  // cache reads answer at once
    REQUIRE(actions.size() == 2);
    const auto& site = std::get<CacheRead>(actions[0]);
    CHECK(site.key == ResourceKey{Resource::Site});
    CHECK(site.text == std::string("{\"etag\":\"x\",\"pages\":[\"{}\"]}"));
    CHECK_FALSE(std::get<CacheRead>(actions[1]).text.has_value());
}

TEST_CASE("timers: a retry fires after its backoff delay, a refresh after its own") {
    EffectRunner runner(options_for("http://127.0.0.1:1", temp_dir()), nullptr);
    CHECK(runner.ms_until_next_timer() == -1);
    const double start = ms_since_start();
    runner.run(ScheduleRetry{{Resource::Guides}, 2});  // the third retry: 500..1000 ms
    runner.run(ScheduleRefresh{60000});
    CHECK(runner.ms_until_next_timer() > 400);
    CHECK(runner.ms_until_next_timer() <= 1000);
    CHECK(runner.poll().empty());
    const auto due = wait_for<RetryDue>(runner);
    const double waited = ms_since_start() - start;
    REQUIRE(due);
    CHECK(due->key == ResourceKey{Resource::Guides});
    CHECK(waited >= 500);
    CHECK(runner.ms_until_next_timer() > 55000);  // the refresh is still pending
}
