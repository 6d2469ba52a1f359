#pragma once
// The live alert stream (server-sent events) as the app sees it: events collected on the UI
// thread with poll(); behind it the connection is kept open, retried with capped backoff when it
// drops, and resumed with Last-Event-ID so that nothing published meanwhile is missed.
// One implementation per platform: event_stream_native.cpp (libcurl), event_stream_web.cpp (EventSource).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/backoff.hpp"
#include "core/sse_parser.hpp"

namespace elder {

enum class StreamState { Connecting, Open, Waiting };  // Waiting: offline, the next try is scheduled

class EventStream {
public:
    virtual ~EventStream() = default;
    virtual std::vector<SseEvent> poll() = 0;  // UI thread
    virtual StreamState state() const = 0;
    // Drops the current connection or waiting time and connects again at once, with the backoff
    // reset (the app has seen the server answer again while this stream seemed stuck).
    virtual void reconnect_now() = 0;
    // The device's token, sent as Authorization from the next connection on (a new one reconnects
    // at once), so that the server counts this box's streams as its own, not its address's.
    // Browsers' EventSource cannot send it: there it is ignored.
    virtual void set_token(const std::string& token) = 0;
};

// `wake` is called from any thread when events arrive or the state changes.
std::unique_ptr<EventStream> open_event_stream(const std::string& url, const std::string& last_event_id,
                                               std::function<void()> wake, Backoff backoff = {});

}  // namespace elder
