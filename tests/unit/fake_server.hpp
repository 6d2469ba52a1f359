#pragma once
// A tiny HTTP peer for client tests: accepts connections on 127.0.0.1 and hands each, with the
// first bytes of its request, to `behaviour` on the accept thread.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <functional>
#include <string>
#include <thread>

namespace elder::test {

class FakeServer {
public:
    // `port` 0 picks a free one.
    explicit FakeServer(std::function<void(int fd, const std::string& request)> behaviour, int port = 0)
        : behaviour_(std::move(behaviour)) {
        listener_ = socket(AF_INET, SOCK_STREAM, 0);
        const int yes = 1;
        setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        addr.sin_port = htons(static_cast<uint16_t>(port));
        REQUIRE(bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
        this->port = ntohs(addr.sin_port);
        listen(listener_, 8);
        thread_ = std::thread([this] {
            for (;;) {
                const int fd = accept(listener_, nullptr, nullptr);
                if (fd < 0) return;
                char buf[4096];
                const ssize_t n = recv(fd, buf, sizeof buf, 0);
                behaviour_(fd, std::string(buf, n > 0 ? static_cast<size_t>(n) : 0));
                close(fd);
            }
        });
    }
    ~FakeServer() {
        shutdown(listener_, SHUT_RDWR);
        close(listener_);
        thread_.join();
    }
    FakeServer(const FakeServer&) = delete;
    FakeServer& operator=(const FakeServer&) = delete;

    std::string url(const std::string& path = "/") const { return "http://127.0.0.1:" + std::to_string(port) + path; }
    int port = 0;

private:
    std::function<void(int, const std::string&)> behaviour_;
    int listener_ = -1;
    std::thread thread_;
};

inline void reply(int fd, const std::string& text) { send(fd, text.data(), text.size(), MSG_NOSIGNAL); }

}  // namespace elder::test
