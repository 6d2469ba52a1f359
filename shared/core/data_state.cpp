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

const std::vector<ResourceKey>& list_resources() {
    static const std::vector<ResourceKey> keys{
        {Resource::Site},     {Resource::Alerts},   {Resource::Categories}, {Resource::Policies},
        {Resource::Guides},   {Resource::Contacts}, {Resource::Activities},
    };
    return keys;
}

const char* resource_name(Resource kind) {
    switch (kind) {
        case Resource::Site: return "site";
        case Resource::Categories: return "categories";
        case Resource::Policies: return "policies";
        case Resource::Guides: return "guides";
        case Resource::Contacts: return "contacts";
        case Resource::Activities: return "activities";
        case Resource::Alerts: return "alerts";
        case Resource::Policy: return "policy";
    }
    return "?";
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
    // Paged lists ask for the largest page the contract allows.
    const std::string page = cursor.empty() ? "?limit=100" : "?limit=100&cursor=" + percent_encode(cursor);
    switch (key.kind) {
        case Resource::Site: return "/api/v1/site";
        case Resource::Categories: return "/api/v1/policy-categories";
        case Resource::Policies: return "/api/v1/policies" + page;
        case Resource::Guides: return "/api/v1/guides" + page;
        case Resource::Contacts: return "/api/v1/contacts";
        case Resource::Activities: return "/api/v1/activities" + page;
        case Resource::Alerts: return "/api/v1/alerts";
        case Resource::Policy: return "/api/v1/policies/" + std::to_string(key.id);
    }
    return "/";
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
    const nlohmann::json resources{
        {"site", describe(d.site)},         {"alerts", describe(d.alerts)},     {"categories", describe(d.categories)},
        {"policies", describe(d.policies)}, {"guides", describe(d.guides)},     {"contacts", describe(d.contacts)},
        {"activities", describe(d.activities)},
    };
    nlohmann::json details = nlohmann::json::object();
    for (const auto& [id, r] : d.policy_details) details[std::to_string(id)] = describe(r);
    return {{"online", d.online}, {"stream_open", d.stream_open}, {"resources", resources}, {"policy_details", details}};
}

bool shows_saved_copy_of_failing(const FetchState& f) {
    return f.freshness == Freshness::Cached && (f.error == FetchError::ServerError || f.error == FetchError::BadAnswer);
}

std::array<const FetchState*, 7> list_fetches(const DataState& d) {
    return {&d.site.fetch,   &d.alerts.fetch,   &d.categories.fetch, &d.policies.fetch,
            &d.guides.fetch, &d.contacts.fetch, &d.activities.fetch};
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
