// The native HTTP client against small servers in the test itself: answers, ETags, slowness beyond
// the timeout, refused connections, garbage. The caller's thread never waits on the network.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>

#include "fake_server.hpp"
#include "platform/http.hpp"

using namespace elder;
using elder::test::FakeServer;
using elder::test::reply;

namespace {

std::vector<HttpResponse> wait_for(HttpClient& client, size_t count) {
    std::vector<HttpResponse> all;
    for (int i = 0; i < 1000 && all.size() < count; ++i) {
        for (auto& r : client.poll()) all.push_back(std::move(r));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return all;
}

}  // namespace

TEST_CASE("the native HTTP client returns answers, headers and ETags") {
    std::string seen;
    FakeServer server([&](int fd, const std::string& request) {
        seen = request;
        reply(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nETag: \"v7\"\r\nContent-Length: 13\r\n"
                  "Connection: close\r\n\r\n{\"site\":\"ok\"}");
    });
    std::atomic<int> wakes{0};
    auto client = make_http_client([&] { ++wakes; });
    client->send({42, "GET", server.url("/api/v1/site"), {{"If-None-Match", "\"v6\""}}, "", 5000});
    const auto got = wait_for(*client, 1);
    REQUIRE(got.size() == 1);
    CHECK(got[0].id == 42);
    CHECK(got[0].status == 200);
    CHECK(got[0].body == "{\"site\":\"ok\"}");
    CHECK(got[0].etag == "\"v7\"");
    CHECK(got[0].content_type == "application/json");
    CHECK(seen.find("If-None-Match: \"v6\"") != std::string::npos);
    CHECK(wakes >= 1);
}

TEST_CASE("a slow server ends in a timeout, and send never waits for it") {
    FakeServer server([](int, const std::string&) { std::this_thread::sleep_for(std::chrono::milliseconds(1500)); });
    auto client = make_http_client(nullptr);
    client->send({1, "GET", server.url(), {}, "", 300});
    CHECK(client->poll().empty());  // send() only queued the request
    const auto got = wait_for(*client, 1);
    REQUIRE(got.size() == 1);
    CHECK(got[0].status == 0);
    CHECK(got[0].error.find("imeout") != std::string::npos);
}

TEST_CASE("refused connections and garbage answers become errors") {
    int closed_port = 0;
    {
        FakeServer gone([](int, const std::string&) {});
        closed_port = gone.port;
    }
    FakeServer garbage([](int fd, const std::string&) { reply(fd, "this is not HTTP\r\n\r\n"); });
    auto client = make_http_client(nullptr);
    client->send({1, "GET", "http://127.0.0.1:" + std::to_string(closed_port) + "/", {}, "", 2000});
    client->send({2, "POST", garbage.url(), {{"Content-Type", "application/json"}}, "{}", 2000});
    const auto got = wait_for(*client, 2);
    REQUIRE(got.size() == 2);
    for (const auto& r : got) {
        INFO(r.id << " " << r.error);
        CHECK(r.status == 0);
        CHECK_FALSE(r.error.empty());
    }
}

TEST_CASE("an answer that never ends is cut at the limit and becomes an error") {
    // No Content-Length, no end: the server writes until the client hangs up (or 4x the limit).
    FakeServer endless([](int fd, const std::string&) {
        reply(fd, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n[");
        const std::string chunk(64 * 1024, '1');
        for (std::size_t sent = 0; sent < 4 * kMaxAnswerBytes; sent += chunk.size())
            if (send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) <= 0) return;
    });
    auto client = make_http_client(nullptr);
    client->send({1, "GET", endless.url(), {}, "", 60000});
    const auto got = wait_for(*client, 1);
    REQUIRE(got.size() == 1);
    INFO(got[0].error);
    CHECK(got[0].status == 0);
    CHECK(got[0].body.empty());
    CHECK_FALSE(got[0].error.empty());
}

TEST_CASE("requests run side by side: a slow answer holds up no other") {
    FakeServer server([](int fd, const std::string& request) {
        if (request.find("/slow") == std::string::npos) {
            reply(fd, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nfast");
            return;
        }
        const int kept = dup(fd);  // answered later, from another thread, while the next request is served
        std::thread([kept] {
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            reply(kept, "HTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nslow");
            close(kept);
        }).detach();
    });
    auto client = make_http_client(nullptr);
    client->send({1, "GET", server.url("/slow"), {}, "", 5000});
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // the slow one is surely under way
    client->send({2, "GET", server.url("/fast"), {}, "", 5000});
    const auto got = wait_for(*client, 2);
    REQUIRE(got.size() == 2);
    CHECK(got[0].id == 2);
    CHECK(got[0].body == "fast");
    CHECK(got[1].id == 1);
    CHECK(got[1].body == "slow");
}

TEST_CASE("destroying the client does not wait for a transfer that hangs") {
    FakeServer server([](int fd, const std::string&) {
        const int kept = dup(fd);
        std::thread([kept] {
            std::this_thread::sleep_for(std::chrono::milliseconds(3000));
            close(kept);
        }).detach();
    });
    auto client = make_http_client(nullptr);
    client->send({1, "GET", server.url(), {}, "", 10000});
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto start = std::chrono::steady_clock::now();
    client.reset();
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(2500));
}

TEST_CASE("HTTPS: the native client speaks TLS and refuses a certificate it cannot verify") {
    char pattern[] = "/tmp/elder-tls-XXXXXX";
    REQUIRE(mkdtemp(pattern));
    const std::string dir = pattern;
    REQUIRE(std::system(("openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -keyout " + dir +
                         "/key.pem -out " + dir + "/cert.pem 2>/dev/null").c_str()) == 0);
    // A free port: bind to 0, read it, let it go for s_server.
    int port = 0;
    {
        FakeServer probe([](int, const std::string&) {});
        port = probe.port;
    }
    const pid_t server = fork();
    if (server == 0) {
        const std::string accept = std::to_string(port), cert = dir + "/cert.pem", key = dir + "/key.pem";
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execlp("openssl", "openssl", "s_server", "-quiet", "-www", "-accept", accept.c_str(), "-cert", cert.c_str(),
               "-key", key.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    auto client = make_http_client(nullptr);
    HttpResponse answer;
    // s_server needs a moment to listen; "connection refused" until then.
    for (int i = 0; i < 50; ++i) {
        client->send({1, "GET", "https://127.0.0.1:" + std::to_string(port) + "/", {}, "", 3000});
        answer = wait_for(*client, 1).at(0);
        if (answer.error.find("onnect") == std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    kill(server, SIGTERM);
    waitpid(server, nullptr, 0);
    CHECK(answer.status == 0);
    INFO(answer.error);
    CHECK(answer.error.find("SSL") != std::string::npos);  // the handshake happened; the self-signed certificate was refused
}
