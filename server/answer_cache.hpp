#pragma once
// A public list's 200 answer, built once per change rather than once per request: the JSON text and
// its gzip form, kept under the list's ETag (which names the change counter and the query, so a
// change or another query is another key and an entry never goes stale). A few hundred kiosks and
// browsers asking for the same list after a change cost one query, one dump and one compression.
// Bounded: at most kEntries answers of at most kMaxBytes each; the least recently used goes first.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http_types.hpp"

namespace elder::server {

class AnswerCache {
public:
    static constexpr std::size_t kEntries = 64;
    static constexpr std::size_t kMaxBytes = 2 * 1024 * 1024;  // larger answers are built each time

    struct Answer {
        std::string json;
        std::string gz;  // empty when not worth compressing
    };

    std::shared_ptr<const Answer> find(const std::string& etag);
    // Builds the answer (JSON text, gzip form) and keeps it when it is small enough.
    std::shared_ptr<const Answer> put(const std::string& etag, const nlohmann::json& body);

private:
    using Order = std::list<std::string>;
    struct Entry {
        std::shared_ptr<const Answer> answer;
        Order::iterator at;
    };
    std::mutex mutex_;
    Order order_;  // most recently used first
    std::unordered_map<std::string, Entry> entries_;
};

// As respond_with_etag (http_types.hpp): 304 when If-None-Match names `etag`; otherwise the kept
// answer, or the one `make_body()` builds now and keeps, gzip-compressed when the client accepts it.
template <class MakeBody>
Response respond_cached(const Request& request, AnswerCache& cache, const std::string& etag, MakeBody make_body);

Response cached_answer(const Request& request, const AnswerCache::Answer& answer, const std::string& etag);

template <class MakeBody>
Response respond_cached(const Request& request, AnswerCache& cache, const std::string& etag, MakeBody make_body) {
    if (etag_matches(request, etag)) return not_modified(etag, request);
    auto answer = cache.find(etag);
    if (!answer) answer = cache.put(etag, make_body());
    return cached_answer(request, *answer, etag);
}

}  // namespace elder::server
