#pragma once
// The browser's fetch() for the app's requests (the API and the font files), with what
// emscripten_fetch lacks: a limit on the answer's size. The body is read as it streams and the
// request aborted once it passes `max_bytes`, whatever the server says of its length, so no answer
// can fill the page's memory. Web build only.
#include <cstddef>
#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace elder {

struct WebFetchResult {
    int status = 0;       // 0: no answer (offline, refused, timed out, too large); see `error`
    std::string body;
    std::string headers;  // "name: value\r\n" lines
    std::string error;
};

struct WebFetchRequest {
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int timeout_ms = 10000;
    std::size_t max_bytes = 0;
};

// Calls `done` later, on the main thread (from the browser's event loop), exactly once.
void web_fetch(const WebFetchRequest& request, std::function<void(WebFetchResult)> done);

}  // namespace elder
