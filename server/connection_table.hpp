#pragma once
// Who holds the server's sockets. Every accepted connection takes a slot, counted globally and per
// client address, and gives it back when its socket closes (an event stream keeps the slot of the
// connection it came on). When the server is full, or one address holds its whole allowance, the
// connection that has waited longest for a request (an idle keep-alive or a slow-header client) is
// let go to make room, so that a new request, such as a health check, is still answered.
#include <list>
#include <map>
#include <memory>
#include <string>

#include "limits.hpp"

namespace elder::server {

// A connection that can be closed to make room while it waits for a request.
class Evictable {
public:
    virtual ~Evictable() = default;
    virtual void evict() = 0;
};

class ConnectionTable : public std::enable_shared_from_this<ConnectionTable> {
public:
    explicit ConnectionTable(ConnectionLimits limits) : limits_(limits) {}

    // Held by a connection for as long as its socket is open.
    class Slot {
    public:
        Slot(std::shared_ptr<ConnectionTable> table, std::string address);
        ~Slot();
        Slot(const Slot&) = delete;
        Slot& operator=(const Slot&) = delete;
        const std::string& address() const { return address_; }

    private:
        std::shared_ptr<ConnectionTable> table_;
        std::string address_;
    };

    // A slot for a new connection from `address`, after letting go of a waiting connection if the
    // server or the address is full; nothing when the address is full of busy connections.
    // `shared`: the address speaks for many clients (a trusted proxy): no per-address limit.
    std::shared_ptr<Slot> admit(const std::string& address, bool shared = false);

    // A connection waits for its next request from now on / no longer (it got one, or closed).
    using WaitTicket = std::list<std::pair<std::weak_ptr<Evictable>, std::string>>::iterator;
    WaitTicket waiting(std::weak_ptr<Evictable> connection, const std::string& address);
    void done_waiting(WaitTicket ticket);
    WaitTicket no_ticket() { return waiting_.end(); }

    // Lets go of the connection waiting longest (for any address when `address` is empty).
    bool evict_oldest_waiting(const std::string& address = "");

    int open() const { return open_; }
    int open_from(const std::string& address) const;

private:
    ConnectionLimits limits_;
    int open_ = 0;
    std::map<std::string, int> per_address_;
    std::list<std::pair<std::weak_ptr<Evictable>, std::string>> waiting_;  // oldest first
};

}  // namespace elder::server
