// The browser's EventSource. Its own reconnection is switched off (closed on the first error) so
// that retries follow the same capped backoff as the TV app; on reconnect the last event id goes
// in the query (?last_event_id=), because a new EventSource cannot set Last-Event-ID itself.
#include <emscripten/emscripten.h>

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "event_stream.hpp"

namespace elder {
namespace {

EM_JS(int, web_stream_open, (const char* url), {
    const streams = Module.elderStreams || (Module.elderStreams = { next: 1 });
    const handle = streams.next++;
    const s = { queue: [], state: 0, source: null };  // state: 0 connecting, 1 open, 2 closed
    streams[handle] = s;
    try {
        s.source = new EventSource(UTF8ToString(url));
    } catch (e) {
        s.state = 2;
        return handle;
    }
    s.source.onopen = () => { s.state = 1; };
    s.source.onerror = () => { s.state = 2; s.source.close(); };
    const take = (ev) => { s.queue.push({ id: ev.lastEventId || '', event: ev.type, data: ev.data }); };
    for (const name of ['alert', 'cancel', 'changed', 'message']) s.source.addEventListener(name, take);
    return handle;
});

// {"state": n, "events": [...]} since the last call, in memory the caller frees.
EM_JS(char*, web_stream_take, (int handle), {
    const s = Module.elderStreams[handle];
    const text = JSON.stringify({ state: s.state, events: s.queue });
    s.queue = [];
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

EM_JS(void, web_stream_close, (int handle), {
    const s = Module.elderStreams[handle];
    if (s && s.source) s.source.close();
    delete Module.elderStreams[handle];
});

class WebEventStream : public EventStream {
public:
    WebEventStream(std::string url, std::string last_id, Backoff backoff)
        : url_(std::move(url)), last_id_(std::move(last_id)), backoff_(backoff) {
        connect();
    }
    void set_token(const std::string&) override {}  // EventSource sends no headers; kiosks are few
    ~WebEventStream() override { web_stream_close(handle_); }

    std::vector<SseEvent> poll() override {
        if (state_ == StreamState::Waiting) {
            if (emscripten_get_now() >= retry_at_) connect();
            return {};
        }
        char* raw = web_stream_take(handle_);
        const auto j = nlohmann::json::parse(raw, nullptr, false);
        std::free(raw);
        std::vector<SseEvent> out;
        if (!j.is_object()) return out;
        for (const auto& e : j.value("events", nlohmann::json::array())) {
            if (!e.is_object()) continue;
            SseEvent event{e.value("id", ""), e.value("event", "message"), e.value("data", "")};
            if (!event.id.empty()) last_id_ = event.id;
            out.push_back(std::move(event));
        }
        const int js_state = j.value("state", 2);
        if (js_state == 1) {
            state_ = StreamState::Open;
            attempt_ = 0;
        } else if (js_state == 2) {
            web_stream_close(handle_);
            const double jitter = emscripten_random();
            retry_at_ = emscripten_get_now() + static_cast<double>(backoff_.delay_ms(attempt_++, jitter));
            state_ = StreamState::Waiting;
        }
        return out;
    }

    StreamState state() const override { return state_; }

    void reconnect_now() override {
        if (state_ != StreamState::Waiting) web_stream_close(handle_);
        attempt_ = 0;
        connect();
    }

private:
    void connect() {
        const std::string url = last_id_.empty() ? url_ : url_ + "?last_event_id=" + last_id_;
        handle_ = web_stream_open(url.c_str());
        state_ = StreamState::Connecting;
    }

    std::string url_, last_id_;
    Backoff backoff_;
    int handle_ = 0;
    int attempt_ = 0;
    double retry_at_ = 0;
    StreamState state_ = StreamState::Connecting;
};

}  // namespace

// Browsers need no wake-up: the page's main loop polls every animation frame.
std::unique_ptr<EventStream> open_event_stream(const std::string& url, const std::string& last_event_id,
                                               std::function<void()>, Backoff backoff) {
    return std::make_unique<WebEventStream>(url, last_event_id, backoff);
}

}  // namespace elder
