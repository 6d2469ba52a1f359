// The native event-stream client: events arrive, a dropped connection is resumed with
// Last-Event-ID, and a server that was down is reached again within the backoff cap.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

#include "fake_server.hpp"
#include "platform/event_stream.hpp"

using namespace elder;
using elder::test::FakeServer;
using elder::test::reply;

namespace {

const char* kHeaders = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\r\n";

std::vector<SseEvent> collect(EventStream& stream, size_t count, int max_ms) {
    std::vector<SseEvent> all;
    for (int waited = 0; waited < max_ms && all.size() < count; waited += 10) {
        for (auto& e : stream.poll()) all.push_back(std::move(e));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return all;
}

}  // namespace

TEST_CASE("a dropped stream is resumed with Last-Event-ID") {
    std::mutex m;
    std::vector<std::string> requests;
    FakeServer server([&](int fd, const std::string& request) {
        size_t n;
        {
            std::lock_guard<std::mutex> lock(m);
            requests.push_back(request);
            n = requests.size();
        }
        reply(fd, kHeaders);
        if (n == 1) reply(fd, ": heartbeat\n\nid: 1\nevent: alert\ndata: one\n\n");  // then the connection drops
        if (n == 2) {
            reply(fd, "id: 2\nevent: cancel\ndata: two\n\n");
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
    });
    auto stream = open_event_stream(server.url("/api/v1/alerts/stream"), "", nullptr, Backoff{50, 200});
    const auto events = collect(*stream, 2, 5000);
    REQUIRE(events.size() == 2);
    CHECK(events[0].data == "one");
    CHECK(events[0].event == "alert");
    CHECK(events[1].id == "2");
    std::lock_guard<std::mutex> lock(m);
    REQUIRE(requests.size() >= 2);
    CHECK(requests[0].find("Last-Event-ID") == std::string::npos);
    CHECK(requests[1].find("Last-Event-ID: 1") != std::string::npos);
    CHECK(requests[0].find("Accept: text/event-stream") != std::string::npos);
}

TEST_CASE("a stream started while the server is down connects once it is back") {
    int port = 0;
    {
        FakeServer probe([](int, const std::string&) {});
        port = probe.port;
    }
    std::atomic<int> wakes{0};
    auto stream = open_event_stream("http://127.0.0.1:" + std::to_string(port) + "/s", "41", [&] { ++wakes; });
    for (int i = 0; i < 200 && stream->state() != StreamState::Waiting; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    CHECK(stream->state() == StreamState::Waiting);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // several failed tries: backoff grows

    std::string resumed_with;
    const auto back = std::chrono::steady_clock::now();
    FakeServer server([&](int fd, const std::string& request) {
        resumed_with = request;
        reply(fd, kHeaders);
        reply(fd, "id: 42\ndata: back\n\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }, port);
    const auto events = collect(*stream, 1, 8000);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - back).count();
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "back");
    CHECK(resumed_with.find("Last-Event-ID: 41") != std::string::npos);  // the id the app had saved
    CHECK(seconds < 5.0);  // backoff is capped at 4 s
    CHECK(wakes > 0);
}

TEST_CASE("a box's token goes with its stream from the moment it is known") {
    std::mutex m;
    std::vector<std::string> requests;
    FakeServer server([&](int fd, const std::string& request) {
        {
            std::lock_guard<std::mutex> lock(m);
            requests.push_back(request);
        }
        reply(fd, kHeaders);
        reply(fd, ": heartbeat\n\n");
        std::this_thread::sleep_for(std::chrono::milliseconds(400));  // open until the client reconnects
    });
    auto stream = open_event_stream(server.url("/api/v1/alerts/stream"), "", nullptr, Backoff{50, 200});
    const auto count = [&] { std::lock_guard<std::mutex> lock(m); return requests.size(); };
    for (int i = 0; i < 300 && count() < 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stream->set_token("D7-token");  // registered: the stream reconnects under the box's name
    for (int i = 0; i < 300 && count() < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::lock_guard<std::mutex> lock(m);
    REQUIRE(requests.size() >= 2);
    CHECK(requests[0].find("Authorization") == std::string::npos);
    CHECK(requests.back().find("Authorization: Bearer D7-token") != std::string::npos);
}
