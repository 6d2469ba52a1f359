#pragma once
// What the app knows of the server's data, and how fresh it is. Every resource a resident has
// seen is kept in the offline cache; at start the cached copy is shown at once and the server is
// asked (with If-None-Match) for anything newer.
#include <cstdint>
#include <map>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "models.hpp"
#include "resource_list.hpp"

namespace elder {

#define ELDER_RESOURCE_ID(id, member, type, path, paging, when) id,
enum class Resource { ELDER_RESOURCES(ELDER_RESOURCE_ID) Policy };
#undef ELDER_RESOURCE_ID

struct ResourceKey {
    Resource kind = Resource::Site;
    std::int64_t id = 0;  // Policy only: which policy
    bool operator==(const ResourceKey& o) const { return kind == o.kind && id == o.id; }
    bool operator<(const ResourceKey& o) const { return kind != o.kind ? kind < o.kind : id < o.id; }
};

// The resources fetched at start (ELDER_RESOURCES rows marked AtStart), in their order.
const std::vector<ResourceKey>& list_resources();
// Every resource of the table (not the policy details), in their order.
const std::vector<ResourceKey>& all_resources();

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
    bool requested = false;  // asked for during this run (at start, or by a page that shows it)
};

// How a page that waits for a resource speaks of it.
enum class Load { Idle, Loading, Done, Failed };
Load load_of(const FetchState& f);

template <class T>
struct Remote {
    T value{};
    FetchState fetch;
};

#define ELDER_RESOURCE_SLOT(id, member, type, path, paging, when) Remote<type> member;
struct DataState {
    ELDER_RESOURCES(ELDER_RESOURCE_SLOT)
    std::map<std::int64_t, Remote<Policy>> policy_details;
    // The alerts' offline copy is the last list plus the stream's events since, so that an alert
    // seen live is kept even if the box is switched off before the list is fetched again.
    std::vector<std::string> alert_pages;
    std::vector<std::pair<std::string, std::string>> alert_events;  // (event, data)
    bool online = true;        // false from a request that got no answer until one gets an answer
    bool stream_open = false;  // the live alert stream is connected
};
#undef ELDER_RESOURCE_SLOT

#define ELDER_RESOURCE_CASE(id, member, type, path, paging, when) \
    case Resource::id: f(d.member); break;
// Calls `f(Remote<T>&)` with the slot of `key` (creating a policy detail slot when needed; a const
// DataState has none to give for a policy it does not hold).
template <class D, class F>
void with_remote(D& d, const ResourceKey& key, F&& f) {
    switch (key.kind) {
        ELDER_RESOURCES(ELDER_RESOURCE_CASE)
        case Resource::Policy:
            if constexpr (std::is_const_v<D>) {
                if (const auto it = d.policy_details.find(key.id); it != d.policy_details.end()) f(it->second);
            } else {
                f(d.policy_details[key.id]);
            }
            break;
    }
}
#undef ELDER_RESOURCE_CASE

const char* resource_name(Resource kind);
const char* freshness_name(Freshness f);
const char* fetch_error_name(FetchError e);
// The API path (with query) of the first page of `key`, or of the page at `cursor`.
std::string resource_path(const ResourceKey& key, const std::string& cursor = "");
// Freshness, fetch phase, error and item count of every resource, for reports and tests.
nlohmann::json describe(const DataState& d);
// The fetch state of every resource of the table, in the order of all_resources().
std::vector<const FetchState*> list_fetches(const DataState& d);
// The resource follows next_cursor to its further pages.
bool is_paged(Resource kind);
// A copy saved earlier stands in for the server's answer: the server fails or garbles (failing).
bool shows_saved_copy_of_failing(const FetchState& f);
// Some list is shown from its saved copy because the server fails or garbles its answers.
bool shows_saved_copy_of_failing(const DataState& d);
// The storage key of its offline copy: "cache.policies", "cache.policy.12".
std::string cache_key(const ResourceKey& key);

}  // namespace elder
