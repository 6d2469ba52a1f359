#include "connection_table.hpp"

namespace elder::server {

ConnectionTable::Slot::Slot(std::shared_ptr<ConnectionTable> table, std::string address)
    : table_(std::move(table)), address_(std::move(address)) {
    ++table_->open_;
    ++table_->per_address_[address_];
}

ConnectionTable::Slot::~Slot() {
    --table_->open_;
    const auto it = table_->per_address_.find(address_);
    if (it != table_->per_address_.end() && --it->second <= 0) table_->per_address_.erase(it);
}

int ConnectionTable::open_from(const std::string& address) const {
    const auto it = per_address_.find(address);
    return it == per_address_.end() ? 0 : it->second;
}

std::shared_ptr<ConnectionTable::Slot> ConnectionTable::admit(const std::string& address, bool shared) {
    // Evicted connections close asynchronously, so the counts drop a moment later; until then the
    // server may be over its limit by the few connections just admitted.
    if (!shared && open_from(address) >= limits_.per_address && !evict_oldest_waiting(address)) return nullptr;
    if (open_ >= limits_.max_connections) evict_oldest_waiting();
    return std::make_shared<Slot>(shared_from_this(), address);
}

ConnectionTable::WaitTicket ConnectionTable::waiting(std::weak_ptr<Evictable> connection, const std::string& address) {
    return waiting_.insert(waiting_.end(), {std::move(connection), address});
}

void ConnectionTable::done_waiting(WaitTicket ticket) {
    if (ticket != waiting_.end()) waiting_.erase(ticket);
}

bool ConnectionTable::evict_oldest_waiting(const std::string& address) {
    for (auto it = waiting_.begin(); it != waiting_.end();) {
        if (!address.empty() && it->second != address) {
            ++it;
            continue;
        }
        const auto connection = it->first.lock();
        it = waiting_.erase(it);  // the connection's own ticket is now gone: it must not erase it again
        if (connection) {
            connection->evict();
            return true;
        }
    }
    return false;
}

}  // namespace elder::server
