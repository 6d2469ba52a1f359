// libcurl's multi interface on one worker thread: requests run side by side (a slow one holds up no
// other), results are queued for the UI thread. HTTPS uses the system's CA certificates.
#include <curl/curl.h>

#include <algorithm>
#include <deque>
#include <mutex>
#include <thread>

#include "http.hpp"

namespace elder {
namespace {

// Returning less than was given makes libcurl end the transfer (CURLE_WRITE_ERROR): an answer with
// no length, or a false one, never grows past kMaxAnswerBytes.
size_t append_body(char* data, size_t size, size_t count, void* target) {
    auto* body = static_cast<std::string*>(target);
    if (body->size() + size * count > kMaxAnswerBytes) return 0;
    body->append(data, size * count);
    return size * count;
}

size_t read_header(char* data, size_t size, size_t count, void* target) {
    take_response_header(std::string_view(data, size * count), *static_cast<HttpResponse*>(target));
    return size * count;
}

// One request in flight: its easy handle and what it collects.
struct Transfer {
    CURL* curl = nullptr;
    curl_slist* headers = nullptr;
    std::string body;  // the request's body; libcurl reads it in place
    HttpResponse response;
};

Transfer* start_transfer(HttpRequest& request) {
    auto* t = new Transfer;
    t->curl = curl_easy_init();
    t->body = std::move(request.body);
    t->response.id = request.id;
    CURL* curl = t->curl;
    curl_easy_setopt(curl, CURLOPT_PRIVATE, t);
    curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout_ms));
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(request.timeout_ms, 5000)));
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // gzip if the server offers it
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t->response.body);
    curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, read_header);
    curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t->response);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(kMaxAnswerBytes));  // a declared length
    if (!t->body.empty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH") {
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, t->body.c_str());
        curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body.size()));
    }
    for (const auto& [name, value] : request.headers)
        t->headers = curl_slist_append(t->headers, (name + ": " + value).c_str());
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, t->headers);
    return t;
}

HttpResponse finish_transfer(Transfer* t, CURLcode code) {
    HttpResponse response = std::move(t->response);
    if (code != CURLE_OK) {
        response.status = 0;
        response.body.clear();
        response.error = curl_easy_strerror(code);
    } else {
        long status = 0;
        curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
        response.status = static_cast<int>(status);
    }
    curl_slist_free_all(t->headers);
    curl_easy_cleanup(t->curl);
    delete t;
    return response;
}

class CurlClient : public HttpClient {
public:
    explicit CurlClient(std::function<void()> wake) : wake_(std::move(wake)) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        multi_ = curl_multi_init();
        // As browsers do: a few connections per server at once, so one slow answer holds up no other.
        curl_multi_setopt(multi_, CURLMOPT_MAX_HOST_CONNECTIONS, 6L);
        worker_ = std::thread([this] { run(); });
    }

    ~CurlClient() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stopping_ = true;
        }
        curl_multi_wakeup(multi_);
        worker_.join();  // transfers still running are abandoned, not waited for
        curl_multi_cleanup(multi_);
    }

    void send(HttpRequest request) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            queue_.push_back(std::move(request));
        }
        curl_multi_wakeup(multi_);
    }

    std::vector<HttpResponse> poll() override {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<HttpResponse> out(std::make_move_iterator(done_.begin()), std::make_move_iterator(done_.end()));
        done_.clear();
        return out;
    }

private:
    void run() {
        std::vector<Transfer*> running;
        for (;;) {
            std::deque<HttpRequest> incoming;
            {
                std::lock_guard<std::mutex> lock(mutex_);
                if (stopping_) break;
                incoming.swap(queue_);
            }
            for (HttpRequest& request : incoming) {
                Transfer* t = start_transfer(request);
                curl_multi_add_handle(multi_, t->curl);
                running.push_back(t);
            }
            int still_running = 0;
            curl_multi_perform(multi_, &still_running);
            bool finished = false;
            int left = 0;
            while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
                if (msg->msg != CURLMSG_DONE) continue;
                Transfer* t = nullptr;
                curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, &t);
                const CURLcode code = msg->data.result;
                curl_multi_remove_handle(multi_, t->curl);
                running.erase(std::find(running.begin(), running.end(), t));
                HttpResponse response = finish_transfer(t, code);
                std::lock_guard<std::mutex> lock(mutex_);
                done_.push_back(std::move(response));
                finished = true;
            }
            if (finished && wake_) wake_();
            curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);  // until a socket is ready, a wakeup or 1 s
        }
        for (Transfer* t : running) {
            curl_multi_remove_handle(multi_, t->curl);
            finish_transfer(t, CURLE_ABORTED_BY_CALLBACK);
        }
    }

    std::function<void()> wake_;
    CURLM* multi_ = nullptr;
    std::mutex mutex_;
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
