#include "answer_cache.hpp"

#include "compression.hpp"

namespace elder::server {

std::shared_ptr<const AnswerCache::Answer> AnswerCache::find(const std::string& etag) {
    std::lock_guard lock(mutex_);
    const auto it = entries_.find(etag);
    if (it == entries_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second.at);
    return it->second.answer;
}

std::shared_ptr<const AnswerCache::Answer> AnswerCache::put(const std::string& etag, const nlohmann::json& body) {
    auto answer = std::make_shared<Answer>();
    answer->json = json_text(body);
    if (worth_compressing(answer->json.size())) answer->gz = gzip(answer->json, kAnswerLevel);
    if (answer->json.size() > kMaxBytes) return answer;
    std::lock_guard lock(mutex_);
    if (const auto it = entries_.find(etag); it != entries_.end()) return it->second.answer;  // built twice at once
    order_.push_front(etag);
    entries_[etag] = Entry{answer, order_.begin()};
    if (entries_.size() > kEntries) {
        entries_.erase(order_.back());
        order_.pop_back();
    }
    return answer;
}

Response cached_answer(const Request& request, const AnswerCache::Answer& answer, const std::string& etag) {
    Response res{http::status::ok, request.version()};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-cache");
    add_vary(res, "Accept-Encoding");
    const bool gz = !answer.gz.empty() && accepts_gzip(request) && request.method() != http::verb::head;
    res.body() = gz ? answer.gz : answer.json;
    res.set(http::field::etag, gz ? gzip_etag(etag) : etag);
    if (gz) res.set(http::field::content_encoding, "gzip");  // compress_answer leaves it as it is
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    return res;
}

}  // namespace elder::server
