#include "data_state.hpp"

#include <cctype>

#include <nlohmann/json.hpp>

namespace elder {
namespace {

// Cursors are opaque to clients and may hold '+' or ':' (a time): encode all but unreserved characters.
std::string percent_encode(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

}  // namespace

namespace {

enum Paging { Whole, Cursor };
enum When { AtStart, OnDemand };

struct Row {
    Resource kind;
    const char* name;
    const char* path;
    Paging paging;
    When when;
};

#define ELDER_RESOURCE_ROW(id, member, type, path, paging, when) Row{Resource::id, #member, path, paging, when},
constexpr Row kRows[] = {ELDER_RESOURCES(ELDER_RESOURCE_ROW)};
#undef ELDER_RESOURCE_ROW

const Row* row(Resource kind) {
    for (const Row& r : kRows)
        if (r.kind == kind) return &r;
    return nullptr;  // Resource::Policy
}

std::vector<ResourceKey> keys_where(bool (*keep)(const Row&)) {
    std::vector<ResourceKey> keys;
    for (const Row& r : kRows)
        if (keep(r)) keys.push_back({r.kind});
    return keys;
}

}  // namespace

const std::vector<ResourceKey>& list_resources() {
    static const std::vector<ResourceKey> keys = keys_where([](const Row& r) { return r.when == AtStart; });
    return keys;
}

const std::vector<ResourceKey>& all_resources() {
    static const std::vector<ResourceKey> keys = keys_where([](const Row&) { return true; });
    return keys;
}

bool is_paged(Resource kind) {
    const Row* r = row(kind);
    return r && r->paging == Cursor;
}

const char* resource_name(Resource kind) {
    const Row* r = row(kind);
    return r ? r->name : "policy";
}

Load load_of(const FetchState& f) {
    if (f.freshness != Freshness::None) return Load::Done;
    if (f.phase == FetchPhase::Running) return Load::Loading;
    if (f.error != FetchError::None) return Load::Failed;
    return f.requested ? Load::Loading : Load::Idle;  // its offline copy is being read
}

const char* freshness_name(Freshness f) {
    switch (f) {
        case Freshness::None: return "none";
        case Freshness::Cached: return "cached";
        case Freshness::Current: return "current";
    }
    return "?";
}

const char* fetch_error_name(FetchError e) {
    switch (e) {
        case FetchError::None: return "none";
        case FetchError::Offline: return "offline";
        case FetchError::ServerError: return "server_error";
        case FetchError::BadAnswer: return "bad_answer";
        case FetchError::NotFound: return "not_found";
    }
    return "?";
}

std::string resource_path(const ResourceKey& key, const std::string& cursor) {
    if (key.kind == Resource::Policy) return ELDER_POLICY_PATH + std::to_string(key.id);
    const Row* r = row(key.kind);
    if (r->paging == Whole) return r->path;
    // Paged lists ask for the largest page the contract allows.
    return std::string(r->path) + (cursor.empty() ? "?limit=100" : "?limit=100&cursor=" + percent_encode(cursor));
}

namespace {

const char* phase_name(FetchPhase p) {
    switch (p) {
        case FetchPhase::Idle: return "idle";
        case FetchPhase::Running: return "running";
        case FetchPhase::WaitingRetry: return "waiting_retry";
    }
    return "?";
}

template <class T> size_t count_of(const T&) { return 1; }
template <class T> size_t count_of(const std::vector<T>& v) { return v.size(); }

template <class T>
nlohmann::json describe(const Remote<T>& r) {
    const FetchState& f = r.fetch;
    return {{"freshness", freshness_name(f.freshness)}, {"phase", phase_name(f.phase)},
            {"error", fetch_error_name(f.error)},      {"failures", f.failures},
            {"count", f.freshness == Freshness::None ? 0 : count_of(r.value)}, {"etag", f.etag}};
}

}  // namespace

nlohmann::json describe(const DataState& d) {
    nlohmann::json resources = nlohmann::json::object();
    for (const ResourceKey& key : all_resources())
        with_remote(d, key, [&](const auto& r) {
            if (r.fetch.requested) resources[resource_name(key.kind)] = describe(r);  // not one no page has asked for
        });
    nlohmann::json details = nlohmann::json::object();
    for (const auto& [id, r] : d.policy_details) details[std::to_string(id)] = describe(r);
    return {{"online", d.online}, {"stream_open", d.stream_open}, {"resources", resources}, {"policy_details", details}};
}

bool shows_saved_copy_of_failing(const FetchState& f) {
    return f.freshness == Freshness::Cached && (f.error == FetchError::ServerError || f.error == FetchError::BadAnswer);
}

std::vector<const FetchState*> list_fetches(const DataState& d) {
    std::vector<const FetchState*> out;
    for (const ResourceKey& key : all_resources())
        with_remote(d, key, [&](const auto& r) { out.push_back(&r.fetch); });
    return out;
}

bool shows_saved_copy_of_failing(const DataState& d) {
    for (const FetchState* f : list_fetches(d))
        if (shows_saved_copy_of_failing(*f)) return true;
    return false;
}

std::string cache_key(const ResourceKey& key) {
    if (key.kind == Resource::Policy) return "cache.policy." + std::to_string(key.id);
    return std::string("cache.") + resource_name(key.kind);
}

}  // namespace elder
