#include <condition_variable>
#include <cstdio>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "storage_writer.hpp"

namespace elder {
namespace {

class ThreadWriter : public StorageWriter {
public:
    explicit ThreadWriter(Storage& storage) : storage_(storage), worker_([this] { run(); }) {}

    ~ThreadWriter() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        ready_.notify_one();
        worker_.join();  // what was queued is written before the app exits
    }

    void put(std::string key, std::string value) override { push({std::move(key), std::move(value)}); }
    void remove(std::string key) override { push({std::move(key), std::nullopt}); }

private:
    struct Job {
        std::string key;
        std::optional<std::string> value;  // none: remove
    };

    void push(Job job) {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            // A newer value of the same key makes a queued older one pointless.
            for (auto it = jobs_.begin(); it != jobs_.end();)
                it = it->key == job.key ? jobs_.erase(it) : it + 1;
            jobs_.push_back(std::move(job));
        }
        ready_.notify_one();
    }

    void run() {
        for (;;) {
            Job job;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
                if (jobs_.empty()) return;
                job = std::move(jobs_.front());
                jobs_.pop_front();
            }
            std::string error;
            if (!job.value) storage_.remove(job.key);
            else if (!storage_.put(job.key, *job.value, error)) std::fprintf(stderr, "elder: not saved: %s\n", error.c_str());
        }
    }

    Storage& storage_;
    std::mutex mutex_;
    std::condition_variable ready_;
    std::deque<Job> jobs_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace

std::unique_ptr<StorageWriter> make_storage_writer(Storage& storage) { return std::make_unique<ThreadWriter>(storage); }

}  // namespace elder
