#include <curl/curl.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <random>
#include <thread>

#include "event_stream.hpp"

namespace elder {
namespace {

class CurlEventStream : public EventStream {
public:
    CurlEventStream(std::string url, std::string last_id, std::function<void()> wake, Backoff backoff)
        : url_(std::move(url)), wake_(std::move(wake)), backoff_(backoff) {
        if (!last_id.empty()) parser_.feed("id: " + last_id + "\n");  // seed Last-Event-ID
        curl_global_init(CURL_GLOBAL_DEFAULT);
        worker_ = std::thread([this] { run(); });
    }

    ~CurlEventStream() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        stop_wait_.notify_all();
        worker_.join();
    }

    std::vector<SseEvent> poll() override {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<SseEvent> out(std::make_move_iterator(events_.begin()), std::make_move_iterator(events_.end()));
        events_.clear();
        return out;
    }

    StreamState state() const override { return state_; }

private:
    static size_t on_data(char* data, size_t size, size_t count, void* self_ptr) {
        auto* self = static_cast<CurlEventStream*>(self_ptr);
        std::vector<SseEvent> events;
        {
            std::lock_guard<std::mutex> lock(self->mutex_);
            if (self->stopping_) return 0;  // aborts the transfer
            events = self->parser_.feed(std::string_view(data, size * count));
            for (auto& e : events) self->events_.push_back(std::move(e));
        }
        self->set_state(StreamState::Open);
        if (!events.empty() && self->wake_) self->wake_();
        return size * count;
    }

    static int on_progress(void* self_ptr, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
        auto* self = static_cast<CurlEventStream*>(self_ptr);
        std::lock_guard<std::mutex> lock(self->mutex_);
        return self->stopping_ ? 1 : 0;  // lets the destructor end an idle connection quickly
    }

    void set_state(StreamState s) {
        if (state_.exchange(s) != s && wake_) wake_();
    }

    // One connection, until it ends or fails. Returns true if the server answered 200.
    bool connect_once(CURL* curl) {
        std::string last_id;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            parser_.reset_partial();
            last_id = parser_.last_event_id();
        }
        curl_easy_reset(curl);
        curl_easy_setopt(curl, CURLOPT_URL, url_.c_str());
        curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
        // No bytes (not even the 15 s heartbeat) for 45 s: the connection is dead, start again.
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
        curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 45L);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, this);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
        curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
        curl_slist* headers = curl_slist_append(nullptr, "Accept: text/event-stream");
        if (!last_id.empty()) headers = curl_slist_append(headers, ("Last-Event-ID: " + last_id).c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        set_state(StreamState::Connecting);
        curl_easy_perform(curl);
        curl_slist_free_all(headers);
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        return status == 200;
    }

    void run() {
        CURL* curl = curl_easy_init();
        std::mt19937 random(std::random_device{}());
        int attempt = 0;
        for (;;) {
            const bool answered = connect_once(curl);
            attempt = answered ? 0 : attempt + 1;  // a stream that was open retries at once-ish
            set_state(StreamState::Waiting);
            const auto delay = std::chrono::milliseconds(
                backoff_.delay_ms(attempt, std::uniform_real_distribution<double>(0, 1)(random)));
            std::unique_lock<std::mutex> lock(mutex_);
            if (stop_wait_.wait_for(lock, delay, [this] { return stopping_; })) break;
        }
        curl_easy_cleanup(curl);
    }

    std::string url_;
    std::function<void()> wake_;
    Backoff backoff_;
    std::mutex mutex_;
    std::condition_variable stop_wait_;
    SseParser parser_;
    std::vector<SseEvent> events_;
    std::atomic<StreamState> state_{StreamState::Connecting};
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace

std::unique_ptr<EventStream> open_event_stream(const std::string& url, const std::string& last_event_id,
                                               std::function<void()> wake, Backoff backoff) {
    return std::make_unique<CurlEventStream>(url, last_event_id, std::move(wake), backoff);
}

}  // namespace elder
