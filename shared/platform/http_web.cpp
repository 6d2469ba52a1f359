// The browser's fetch through emscripten_fetch (asynchronous; callbacks arrive on the main thread).
#include <emscripten/fetch.h>

#include <cstring>
#include <deque>

#include "http.hpp"

namespace elder {
namespace {

class FetchClient;

struct InFlight {
    FetchClient* client;
    std::uint64_t id;
    std::vector<std::string> header_storage;
    std::vector<const char*> header_pointers;
    std::string body;
};

class FetchClient : public HttpClient {
public:
    explicit FetchClient(std::function<void()> wake) : wake_(std::move(wake)) {}

    void send(HttpRequest request) override {
        auto* flight = new InFlight{this, request.id, {}, {}, std::move(request.body)};
        for (const auto& [name, value] : request.headers) {
            flight->header_storage.push_back(name);
            flight->header_storage.push_back(value);
        }
        for (const std::string& s : flight->header_storage) flight->header_pointers.push_back(s.c_str());
        flight->header_pointers.push_back(nullptr);

        emscripten_fetch_attr_t attr;
        emscripten_fetch_attr_init(&attr);
        std::strncpy(attr.requestMethod, request.method.c_str(), sizeof attr.requestMethod - 1);
        attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
        attr.timeoutMSecs = static_cast<unsigned>(request.timeout_ms);
        attr.requestHeaders = flight->header_pointers.data();
        if (!flight->body.empty()) {
            attr.requestData = flight->body.data();
            attr.requestDataSize = flight->body.size();
        }
        attr.userData = flight;
        attr.onsuccess = finished;
        attr.onerror = finished;
        emscripten_fetch(&attr, request.url.c_str());
    }

    std::vector<HttpResponse> poll() override {
        std::vector<HttpResponse> out(done_.begin(), done_.end());
        done_.clear();
        return out;
    }

private:
    static void finished(emscripten_fetch_t* fetch) {
        auto* flight = static_cast<InFlight*>(fetch->userData);
        HttpResponse response;
        response.id = flight->id;
        response.status = fetch->status;
        if (fetch->status == 0) response.error = "no answer (offline, refused or timed out)";
        else response.body.assign(fetch->data, fetch->numBytes);
        if (emscripten_fetch_get_response_headers_length(fetch) > 0) {
            // emscripten 3.1.6 offers no single-header lookup; parse the raw block.
            const size_t length = emscripten_fetch_get_response_headers_length(fetch);
            std::string raw(length + 1, '\0');
            emscripten_fetch_get_response_headers(fetch, raw.data(), raw.size());
            for (size_t pos = 0; pos < raw.size();) {
                const size_t end = raw.find('\n', pos);
                take_response_header(std::string_view(raw).substr(pos, end == std::string::npos ? std::string::npos : end - pos),
                                     response);
                if (end == std::string::npos) break;
                pos = end + 1;
            }
        }
        flight->client->done_.push_back(std::move(response));
        if (flight->client->wake_) flight->client->wake_();
        emscripten_fetch_close(fetch);
        delete flight;
    }

    std::function<void()> wake_;
    std::deque<HttpResponse> done_;
};

}  // namespace

std::unique_ptr<HttpClient> make_http_client(std::function<void()> wake) {
    return std::make_unique<FetchClient>(std::move(wake));
}

}  // namespace elder
