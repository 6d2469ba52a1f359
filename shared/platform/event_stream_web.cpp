// The browser's event stream: fetch() with a readable body rather than EventSource, because only
// fetch can send headers: the signed-in resident's (or the box's) token, so that the server adds
// the household's own events (confirmed elsewhere, 报平安), and Last-Event-ID on reconnect. The bytes
// go through the same SseParser as the TV app's; retries follow the same capped backoff.
#include <emscripten/emscripten.h>

#include <cstdlib>

#include "event_stream.hpp"

namespace elder {
namespace {

// What a stream may hold between two polls (one animation frame, or longer in a hidden tab): more
// is cut, and the reconnect resumes after the last event taken.
constexpr int kMaxQueuedBytes = 4 * 1024 * 1024;

EM_JS(int, web_stream_open, (const char* url, const char* token, const char* last_id, int max_queued), {
    const streams = Module.elderStreams || (Module.elderStreams = { next: 1 });
    const handle = streams.next++;
    const s = { text: '', state: 0, abort: new AbortController() };  // state: 0 connecting, 1 open, 2 closed
    streams[handle] = s;
    const headers = { Accept: 'text/event-stream' };
    const bearer = UTF8ToString(token), id = UTF8ToString(last_id);
    if (bearer) headers.Authorization = 'Bearer ' + bearer;
    if (id) headers['Last-Event-ID'] = id;
    (async () => {
        const response = await fetch(UTF8ToString(url), { headers, cache: 'no-store', signal: s.abort.signal });
        // Only an event stream opens it (as EventSource would): a proxy's page or a flood of bytes does not.
        const type = response.headers.get('Content-Type') || '';
        if (!response.ok || !response.body || !type.startsWith('text/event-stream')) throw new Error('not an event stream');
        s.state = 1;
        const reader = response.body.getReader();
        const decoder = new TextDecoder();
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            s.text += decoder.decode(value, { stream: true });
            if (s.text.length > max_queued) throw new Error('stream not read');
        }
    })().catch(() => {}).finally(() => { s.state = 2; s.abort.abort(); });
    return handle;
});

// {state}\n{text} since the last call, in memory the caller frees.
EM_JS(char*, web_stream_take, (int handle), {
    const s = Module.elderStreams[handle];
    const text = s.state + '\n' + s.text;
    s.text = '';
    const size = lengthBytesUTF8(text) + 1;
    const out = _malloc(size);
    stringToUTF8(text, out, size);
    return out;
});

EM_JS(void, web_stream_close, (int handle), {
    const s = Module.elderStreams[handle];
    if (s) s.abort.abort();
    delete Module.elderStreams[handle];
});

class WebEventStream : public EventStream {
public:
    WebEventStream(std::string url, const std::string& last_id, Backoff backoff) : url_(std::move(url)), backoff_(backoff) {
        if (!last_id.empty()) parser_.feed("id: " + last_id + "\n");  // seeds Last-Event-ID
        connect();
    }
    ~WebEventStream() override { web_stream_close(handle_); }

    std::vector<SseEvent> poll() override {
        if (state_ == StreamState::Waiting) {
            if (emscripten_get_now() >= retry_at_) connect();
            return {};
        }
        char* raw = web_stream_take(handle_);
        const std::string taken(raw);
        std::free(raw);
        const size_t newline = taken.find('\n');
        const int js_state = std::atoi(taken.substr(0, newline).c_str());
        std::vector<SseEvent> out = parser_.feed(std::string_view(taken).substr(newline + 1));
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

    void set_token(const std::string& token) override {
        if (token == token_) return;
        token_ = token;
        reconnect_now();
    }

private:
    void connect() {
        parser_.reset_partial();
        handle_ = web_stream_open(url_.c_str(), token_.c_str(), parser_.last_event_id().c_str(), kMaxQueuedBytes);
        state_ = StreamState::Connecting;
    }

    std::string url_, token_;
    Backoff backoff_;
    SseParser parser_;
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
