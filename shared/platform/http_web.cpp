// The browser's fetch through web_fetch.hpp (asynchronous; answers arrive on the main thread), with
// the same limit on an answer's size as the native client.
#include <deque>

#include "http.hpp"
#include "web_fetch.hpp"

namespace elder {
namespace {

class FetchClient : public HttpClient {
public:
    explicit FetchClient(std::function<void()> wake) : wake_(std::move(wake)) {}

    void send(HttpRequest request) override {
        WebFetchRequest fetch;
        fetch.method = request.method;
        fetch.url = request.url;
        fetch.headers = request.headers;
        fetch.body = std::move(request.body);
        fetch.timeout_ms = request.timeout_ms;
        fetch.max_bytes = kMaxAnswerBytes;
        web_fetch(fetch, [this, id = request.id](WebFetchResult result) { finished(id, std::move(result)); });
    }

    std::vector<HttpResponse> poll() override {
        std::vector<HttpResponse> out(done_.begin(), done_.end());
        done_.clear();
        return out;
    }

private:
    void finished(std::uint64_t id, WebFetchResult result) {
        HttpResponse response;
        response.id = id;
        response.status = result.status;
        if (result.status == 0) response.error = result.error;
        else response.body = std::move(result.body);
        const std::string_view raw = result.headers;
        for (size_t pos = 0; pos < raw.size();) {
            const size_t end = raw.find('\n', pos);
            take_response_header(raw.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos), response);
            if (end == std::string_view::npos) break;
            pos = end + 1;
        }
        done_.push_back(std::move(response));
        if (wake_) wake_();
    }

    std::function<void()> wake_;
    std::deque<HttpResponse> done_;
};

}  // namespace

std::unique_ptr<HttpClient> make_http_client(std::function<void()> wake) {
    return std::make_unique<FetchClient>(std::move(wake));
}

}  // namespace elder
