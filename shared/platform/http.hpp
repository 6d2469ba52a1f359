#pragma once
// HTTP for the app, never on the UI thread: send() queues a request and returns at once; results
// are collected with poll() on the UI thread. One implementation per platform: http_native.cpp
// (libcurl on a worker thread), http_web.cpp (the browser's fetch).
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace elder {

struct HttpRequest {
    std::uint64_t id = 0;  // chosen by the caller; comes back on the response
    std::string method = "GET";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    int timeout_ms = 10000;  // whole request, connect included
};

struct HttpResponse {
    std::uint64_t id = 0;
    int status = 0;        // 0: no answer (offline, refused, timed out); see `error`
    std::string body;
    std::string etag;      // the ETag header, if any
    std::string content_type;
    std::string error;     // for status 0, a short English description for logs
};

// The largest answer body taken (the API's largest list is well under 1 MB): past it the transfer
// is cut and answered as an error, whatever the server says of its length.
constexpr std::size_t kMaxAnswerBytes = 16 * 1024 * 1024;

class HttpClient {
public:
    virtual ~HttpClient() = default;
    virtual void send(HttpRequest request) = 0;
    // Finished requests since the last call, in completion order. UI thread only.
    virtual std::vector<HttpResponse> poll() = 0;
};

// Keeps what the app uses of one response header line ("ETag: ..."): shared by both implementations.
void take_response_header(std::string_view line, HttpResponse& response);

// `wake` is called (from any thread) whenever a response becomes ready, so that an idle UI loop
// can wake up and poll; it may be empty.
std::unique_ptr<HttpClient> make_http_client(std::function<void()> wake);

}  // namespace elder
