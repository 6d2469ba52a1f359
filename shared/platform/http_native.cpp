// libcurl on one worker thread: requests run one after another (the app sends few), results are
// queued for the UI thread. HTTPS uses the system's CA certificates.
#include <curl/curl.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "http.hpp"

namespace elder {
namespace {

size_t append_body(char* data, size_t size, size_t count, void* target) {
    static_cast<std::string*>(target)->append(data, size * count);
    return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* target) {
    take_response_header(std::string_view(data, size * count), *static_cast<HttpResponse*>(target));
    return size * count;
}

HttpResponse perform(CURL* curl, const HttpRequest& request) {
    HttpResponse response;
    response.id = request.id;
    curl_easy_reset(curl);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(request.timeout_ms, 5000)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip if the server offers it
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(16 * 1024 * 1024));
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    const CURLcode code = curl_easy_perform(curl);
    curl_slist_free_all(headers);
    if (code != CURLE_OK) {
        response.status = 0;
        response.body.clear();
        response.error = curl_easy_strerror(code);
    } else {
        long status = 0;
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
    }
    return response;
}

class CurlClient : public HttpClient {
public:
    explicit CurlClient(std::function<void()> wake) : wake_(std::move(wake)) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        worker_ = std::thread([this] { run(); });
    }

    ~CurlClient() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        wanted_.notify_all();
        worker_.join();
    }

    void send(HttpRequest request) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back(std::move(request));
        }
        wanted_.notify_one();
    }

    std::vector<HttpResponse> poll() override {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<HttpResponse> out(std::make_move_iterator(done_.begin()), std::make_move_iterator(done_.end()));
        done_.clear();
        return out;
    }

private:
    void run() {
        CURL* curl = curl_easy_init();
        for (;;) {
            HttpRequest request;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wanted_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
                if (stopping_) break;
                request = std::move(queue_.front());
                queue_.pop_front();
            }
            HttpResponse response = perform(curl, request);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                done_.push_back(std::move(response));
            }
            if (wake_) wake_();
        }
        curl_easy_cleanup(curl);
    }

    std::function<void()> wake_;
    std::mutex mutex_;
    std::condition_variable wanted_;
    std::deque<HttpRequest> queue_;
    std::deque<HttpResponse> done_;
    bool stopping_ = false;
    std::thread worker_;
};

}  // namespace

std::unique_ptr<HttpClient> make_http_client(std::function<void()> wake) {
    return std::make_unique<CurlClient>(std::move(wake));
}

}  // namespace elder
