#pragma once
// Parses a server-sent event stream (the WHATWG "text/event-stream" format) from chunks as they
// arrive: events end at a blank line, "data" lines join with newlines, comments (":") are ignored,
// "id" is remembered for Last-Event-ID on reconnect.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace elder {

struct SseEvent {
    std::string id;     // "" if the event had none
    std::string event;  // "message" if the event named none
    std::string data;
};

class SseParser {
public:
    // Feeds bytes; returns the events completed by them.
    std::vector<SseEvent> feed(std::string_view chunk);
    const std::string& last_event_id() const { return last_id_; }
    std::int64_t retry_ms() const { return retry_ms_; }  // -1 until the server sets it
    void reset_partial();  // a new connection: drop any half-received event

private:
    void line(std::string_view l, std::vector<SseEvent>& out);

    std::string buffer_;
    std::string data_, event_;
    bool has_data_ = false;
    bool too_long_ = false;  // this event's data passed the limit: it is dropped at its end
    bool last_was_cr_ = false;
    std::string last_id_;
    std::int64_t retry_ms_ = -1;
};

}  // namespace elder
