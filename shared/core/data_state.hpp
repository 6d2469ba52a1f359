#pragma once
// What the app knows of the server's data, and how fresh it is. Every resource a resident has
// seen is kept in the offline cache; at start the cached copy is shown at once and the server is
// asked (with If-None-Match) for anything newer.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "models.hpp"

namespace elder {

enum class Resource { Site, Categories, Policies, Guides, Contacts, Activities, Alerts, Policy };

struct ResourceKey {
    Resource kind = Resource::Site;
    std::int64_t id = 0;  // Policy only: which policy
    bool operator==(const ResourceKey& o) const { return kind == o.kind && id == o.id; }
    bool operator<(const ResourceKey& o) const { return kind != o.kind ? kind < o.kind : id < o.id; }
};

// The resources fetched at start and refreshed together.
const std::vector<ResourceKey>& list_resources();

enum class Freshness {
    None,     // nothing to show yet
    Cached,   // the copy saved on an earlier run; the server has not confirmed it yet
    Current,  // confirmed or sent by the server during this run
};
enum class FetchPhase { Idle, Running, WaitingRetry };
enum class FetchError { None, Offline, ServerError, BadAnswer, NotFound };

struct FetchState {
    Freshness freshness = Freshness::None;
    FetchPhase phase = FetchPhase::Idle;
    FetchError error = FetchError::None;  // of the last attempt; None once one succeeds
    std::string etag;                     // of the data shown
    int failures = 0;                     // in a row; picks the retry delay
    std::string detail;                   // the last error in English, for logs and reports
    // A paged list is replaced only when all its pages have arrived: until then they wait here.
    std::vector<std::string> pages;
    std::string pages_etag;
};

template <class T>
struct Remote {
    T value{};
    FetchState fetch;
};

struct DataState {
    Remote<Site> site;
    Remote<std::vector<PolicyCategory>> categories;
    Remote<std::vector<Policy>> policies;  // newest first, all pages
    Remote<std::vector<Guide>> guides;
    Remote<std::vector<Contact>> contacts;
    Remote<std::vector<Activity>> activities;
    Remote<std::vector<Alert>> alerts;     // active ones, most severe first
    std::map<std::int64_t, Remote<Policy>> policy_details;
    // The alerts' offline copy is the last list plus the stream's events since, so that an alert
    // seen live is kept even if the box is switched off before the list is fetched again.
    std::vector<std::string> alert_pages;
    std::vector<std::pair<std::string, std::string>> alert_events;  // (event, data)
    bool online = true;        // false from a request that got no answer until one gets an answer
    bool stream_open = false;  // the live alert stream is connected
};

// Calls `f(Remote<T>&)` with the slot of `key` (creating a policy detail slot when needed).
template <class F>
void with_remote(DataState& d, const ResourceKey& key, F&& f) {
    switch (key.kind) {
        case Resource::Site: f(d.site); break;
        case Resource::Categories: f(d.categories); break;
        case Resource::Policies: f(d.policies); break;
        case Resource::Guides: f(d.guides); break;
        case Resource::Contacts: f(d.contacts); break;
        case Resource::Activities: f(d.activities); break;
        case Resource::Alerts: f(d.alerts); break;
        case Resource::Policy: f(d.policy_details[key.id]); break;
    }
}

const char* resource_name(Resource kind);
const char* freshness_name(Freshness f);
const char* fetch_error_name(FetchError e);
// The API path (with query) of the first page of `key`, or of the page at `cursor`.
std::string resource_path(const ResourceKey& key, const std::string& cursor = "");
// Freshness, fetch phase, error and item count of every resource, for reports and tests.
nlohmann::json describe(const DataState& d);
// The fetch state of every public list, in the order of list_resources().
std::array<const FetchState*, 7> list_fetches(const DataState& d);
// A copy saved earlier stands in for the server's answer: the server fails or garbles (failing).
bool shows_saved_copy_of_failing(const FetchState& f);
// Some list is shown from its saved copy because the server fails or garbles its answers.
bool shows_saved_copy_of_failing(const DataState& d);
// The storage key of its offline copy: "cache.policies", "cache.policy.12".
std::string cache_key(const ResourceKey& key);

}  // namespace elder
