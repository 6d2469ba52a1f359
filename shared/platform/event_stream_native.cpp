#include <curl/curl.h>

#include <atomic>
#include <cctype>
#include <chrono>
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

    void set_token(const std::string& token) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            if (token_ == token) return;
            token_ = token;
        }
        reconnect_now();
    }

    void reconnect_now() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            kick_ = true;
        }
        stop_wait_.notify_all();
    }

private:
    // Only an event stream is read as one: a proxy's error page or garbage with status 200 is a
    // failed attempt, not an open stream.
    static size_t on_header(char* data, size_t size, size_t count, void* self_ptr) {
        auto* self = static_cast<CurlEventStream*>(self_ptr);
        std::string line(data, size * count);
        for (char& c : line) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (line.rfind("http/", 0) == 0) self->is_event_stream_ = false;  // a new response (after redirects)
        else if (line.rfind("content-type:", 0) == 0 && line.find("text/event-stream") != std::string::npos)
            self->is_event_stream_ = true;
        return size * count;
    }

    static size_t on_data(char* data, size_t size, size_t count, void* self_ptr) {
        auto* self = static_cast<CurlEventStream*>(self_ptr);
        if (!self->is_event_stream_) return 0;  // aborts the transfer
        std::vector<SseEvent> events;
        {
            std::lock_guard<std::mutex> lock(self->mutex_);
            if (self->stopping_ || self->kick_) return 0;
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
        return self->stopping_ || self->kick_ ? 1 : 0;  // ends an idle connection within a second
    }

    void set_state(StreamState s) {
        if (state_.exchange(s) != s && wake_) wake_();
    }

    // One connection, until it ends or fails.
    void connect_once(CURL* curl) {
        std::string last_id, token;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            parser_.reset_partial();
            last_id = parser_.last_event_id();
            token = token_;
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
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, this);
        curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
        curl_easy_setopt(curl, CURLOPT_XFERINFODATA, this);
        curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
        curl_slist* headers = curl_slist_append(nullptr, "Accept: text/event-stream");
        if (!last_id.empty()) headers = curl_slist_append(headers, ("Last-Event-ID: " + last_id).c_str());
        if (!token.empty()) headers = curl_slist_append(headers, ("Authorization: Bearer " + token).c_str());
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
        set_state(StreamState::Connecting);
        curl_easy_perform(curl);
        curl_slist_free_all(headers);
    }

    void run() {
        CURL* curl = curl_easy_init();
        std::mt19937 random(std::random_device{}());
        int attempt = 0;
        for (;;) {
            const auto started = std::chrono::steady_clock::now();
            connect_once(curl);
            // A connection that stayed open a while was good: try again soon. One that failed or
            // ended at once (a server or proxy that accepts and hangs up) backs off further each time.
            const bool lasted = state_ == StreamState::Open && std::chrono::steady_clock::now() - started > kGoodConnection;
            attempt = lasted ? 0 : attempt + 1;
            set_state(StreamState::Waiting);
            std::unique_lock<std::mutex> lock(mutex_);
            if (kick_) attempt = 0;
            const auto delay = std::chrono::milliseconds(
                kick_ ? 0 : backoff_.delay_ms(attempt, std::uniform_real_distribution<double>(0, 1)(random)));
            const bool stop = stop_wait_.wait_for(lock, delay, [this] { return stopping_ || kick_; }) && stopping_;
            kick_ = false;
            if (stop) break;
        }
        curl_easy_cleanup(curl);
    }

    static constexpr std::chrono::seconds kGoodConnection{5};

    std::string url_;
    std::function<void()> wake_;
    Backoff backoff_;
    std::mutex mutex_;
    std::condition_variable stop_wait_;
    SseParser parser_;
    std::vector<SseEvent> events_;
    std::string token_;
    std::atomic<StreamState> state_{StreamState::Connecting};
    bool stopping_ = false;
    bool kick_ = false;               // reconnect_now() was called
    bool is_event_stream_ = false;    // the current response is text/event-stream (worker thread only)
    std::thread worker_;
};

}  // namespace

std::unique_ptr<EventStream> open_event_stream(const std::string& url, const std::string& last_event_id,
                                               std::function<void()> wake, Backoff backoff) {
    return std::make_unique<CurlEventStream>(url, last_event_id, std::move(wake), backoff);
}

}  // namespace elder
