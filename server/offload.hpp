#pragma once
// Work that would hold up the I/O thread (parsing a large CAP document; later, hashing staff
// passwords) runs on a worker thread, and its result comes back to the I/O thread, where the
// database and the connections live. Only a few jobs wait at a time: beyond that the caller is
// told at once to come back later, so a burst of large uploads cannot pile up in memory.
#include <exception>
#include <optional>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>

#include "log.hpp"

namespace elder::server {

class Offload {
public:
    explicit Offload(boost::asio::io_context& io, int threads = 1, int max_jobs = 4)
        : io_(io), pool_(static_cast<std::size_t>(threads)), max_jobs_(max_jobs) {}
    ~Offload() { pool_.join(); }
    Offload(const Offload&) = delete;
    Offload& operator=(const Offload&) = delete;

    // Runs `work()` on a worker, then `done(result)` on the I/O thread: the result, or nothing
    // when `work` threw (logged). Returns false, running neither, when max_jobs are in hand.
    // Call from the I/O thread only.
    template <class Work, class Done>
    bool run(Work work, Done done) {
        if (jobs_ >= max_jobs_) return false;
        ++jobs_;
        boost::asio::post(pool_, [this, work = std::move(work), done = std::move(done)]() mutable {
            std::optional<decltype(work())> result;
            try {
                result.emplace(work());
            } catch (const std::exception& e) {
                log_event("error", "offloaded work failed", {{"error", e.what()}});
            }
            boost::asio::post(io_, [this, done = std::move(done), result = std::move(result)]() mutable {
                --jobs_;
                done(std::move(result));
            });
        });
        return true;
    }

private:
    boost::asio::io_context& io_;
    boost::asio::thread_pool pool_;
    int max_jobs_;
    int jobs_ = 0;  // touched on the I/O thread only
};

}  // namespace elder::server
