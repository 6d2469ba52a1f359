// The data half of the reducer: fetching, the offline cache, retries and the live alert stream.
// Rules that keep the store consistent whatever the network does:
// - data shown is replaced only by a complete, fully decoded answer (all pages of a list);
// - a failed or garbled answer keeps what is shown and schedules a retry with backoff;
// - an answer for a fetch that is no longer running is ignored.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "codecs.hpp"
#include "overloaded.hpp"
#include "reducer.hpp"

namespace elder {
namespace {

using nlohmann::json;

constexpr int kRefreshMs = 10 * 60 * 1000;  // lists are re-checked (cheaply, with ETags) this often

// ---- the offline copy: {"etag": "...", "pages": ["<body of page 1>", ...], "events": [[event, data], ...]}
// ("events" only for alerts: stream events received after the pages) ----

using Events = std::vector<std::pair<std::string, std::string>>;

std::string envelope(const std::string& etag, const std::vector<std::string>& pages, const Events& events = {}) {
    json j{{"etag", etag}, {"pages", pages}};
    if (!events.empty()) j["events"] = events;
    return j.dump();
}

bool open_envelope(const std::string& text, std::string& etag, std::vector<std::string>& pages, Events& events) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object()) return false;
    const auto e = j.find("etag");
    const auto p = j.find("pages");
    if (e == j.end() || !e->is_string() || p == j.end() || !p->is_array() || p->empty()) return false;
    pages.clear();
    for (const json& page : *p) {
        if (!page.is_string()) return false;
        pages.push_back(page.get<std::string>());
    }
    events.clear();
    if (const auto ev = j.find("events"); ev != j.end()) {
        if (!ev->is_array()) return false;
        for (const json& pair : *ev) {
            if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) return false;
            events.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
        }
    }
    etag = e->get<std::string>();
    return true;
}

// ---- decoding whole resources from their pages ----

template <class T>
bool decode_pages(const std::vector<std::string>& pages, T& out, std::string& error) {
    return pages.size() == 1 && decode_text(pages[0], out, error);  // single-object resources
}

template <class T>
bool decode_pages(const std::vector<std::string>& pages, std::vector<T>& out, std::string& error) {
    std::vector<T> all;
    for (const std::string& page : pages) {
        std::vector<T> items;
        if (!decode_text(page, items, error)) return false;
        all.insert(all.end(), items.begin(), items.end());
    }
    out = std::move(all);
    return true;
}

template <>
bool decode_pages(const std::vector<std::string>& pages, std::vector<Policy>& out, std::string& error) {
    std::vector<Policy> all;
    for (const std::string& page : pages) {
        PolicyPage p;
        if (!decode_text(page, p, error)) return false;
        all.insert(all.end(), p.items.begin(), p.items.end());
    }
    out = std::move(all);
    return true;
}

// The next page's cursor of a list answer ("" when it is the last page or not a list).
std::string next_cursor(const std::string& body) {
    const json j = json::parse(body, nullptr, false);
    if (!j.is_object()) return "";
    const auto c = j.find("next_cursor");
    return c != j.end() && c->is_string() ? c->get<std::string>() : "";
}

// ---- fetching ----

void start_fetch(FetchState& f, const ResourceKey& key, std::vector<Effect>& effects) {
    if (f.phase == FetchPhase::Running) return;
    f.phase = FetchPhase::Running;
    f.pages.clear();
    effects.push_back(HttpGet{key, resource_path(key), f.freshness == Freshness::None ? "" : f.etag});
}

void fail(FetchState& f, const ResourceKey& key, FetchError error, std::string detail, std::vector<Effect>& effects) {
    f.pages.clear();
    f.error = error;
    f.detail = std::move(detail);
    if (error == FetchError::NotFound) {  // withdrawn: asking again will not help
        f.phase = FetchPhase::Idle;
        return;
    }
    f.phase = FetchPhase::WaitingRetry;
    effects.push_back(ScheduleRetry{key, f.failures});
    ++f.failures;
}

void succeed(FetchState& f) {
    f.phase = FetchPhase::Idle;
    f.error = FetchError::None;
    f.detail.clear();
    f.failures = 0;
    f.freshness = Freshness::Current;
}

// The server answered again: whatever else waits for a retry is asked now rather than after its delay.
void retry_waiting_now(DataState& d, const ResourceKey& answered, std::vector<Effect>& effects) {
    for (const ResourceKey& key : all_resources())
        with_remote(d, key, [&](auto& r) {
            if (r.fetch.phase == FetchPhase::WaitingRetry && !(key == answered)) {
                r.fetch.phase = FetchPhase::Idle;
                start_fetch(r.fetch, key, effects);
            }
        });
}

// A policy that a complete list no longer holds was withdrawn: an open copy says so instead of
// showing it as current, and its offline copy goes. (The list comes again after every staff
// change, which the stream announces.)
void drop_withdrawn_details(DataState& d, std::vector<Effect>& effects) {
    for (auto& [id, r] : d.policy_details) {
        if (r.fetch.freshness == Freshness::None) continue;  // not shown yet: its own answer decides
        const std::int64_t key_id = id;
        const bool listed = std::any_of(d.policies.value.begin(), d.policies.value.end(),
                                        [&](const Policy& p) { return p.id == key_id && !p.deleted; });
        if (listed) continue;
        r.value = {};
        r.fetch.freshness = Freshness::None;
        effects.push_back(RemoveCache{cache_key({Resource::Policy, id})});
        fail(r.fetch, {Resource::Policy, id}, FetchError::NotFound, "withdrawn", effects);
    }
}

template <class T>
void on_ok(DataState& d, Remote<T>& r, const HttpDone& done, std::vector<Effect>& effects) {
    FetchState& f = r.fetch;
    if (f.pages.empty()) f.pages_etag = done.etag;
    f.pages.push_back(done.body);
    const std::string cursor = is_paged(done.key.kind) ? next_cursor(done.body) : "";
    if (!cursor.empty() && f.pages.size() < 1000) {  // the bound guards against a server that loops
        effects.push_back(HttpGet{done.key, resource_path(done.key, cursor), ""});
        return;
    }
    T value;
    std::string error;
    if (!decode_pages(f.pages, value, error)) return fail(f, done.key, FetchError::BadAnswer, error, effects);
    r.value = std::move(value);
    f.etag = f.pages_etag;
    effects.push_back(WriteCache{cache_key(done.key), envelope(f.etag, f.pages)});
    if (done.key.kind == Resource::Alerts) {  // a fresh list includes every event so far
        d.alert_pages = f.pages;
        d.alert_events.clear();
    }
    f.pages.clear();
    succeed(f);
    if (done.key.kind == Resource::Policies) drop_withdrawn_details(d, effects);
}

void on_http_done(DataState& d, const HttpDone& done, std::vector<Effect>& effects) {
    const bool answered = done.status != 0;
    bool recovered = false;  // this resource was failing and has just succeeded
    with_remote(d, done.key, [&](auto& r) {
        FetchState& f = r.fetch;
        if (f.phase != FetchPhase::Running) return;  // a late answer to a fetch given up on
        const bool was_failing = f.failures > 0;
        if (done.status == 304 && f.pages.empty() && f.freshness != Freshness::None) {
            succeed(f);
        } else if (done.status == 200) {
            on_ok(d, r, done, effects);
        } else if (done.status == 0) {
            fail(f, done.key, FetchError::Offline, done.error, effects);
        } else if (done.status == 404 && done.key.kind == Resource::Policy) {
            r.value = {};
            f.freshness = Freshness::None;
            effects.push_back(RemoveCache{cache_key(done.key)});
            fail(f, done.key, FetchError::NotFound, "withdrawn", effects);
        } else {
            fail(f, done.key, FetchError::ServerError, "HTTP " + std::to_string(done.status), effects);
        }
        recovered = was_failing && f.phase == FetchPhase::Idle && f.error == FetchError::None;
    });
    const bool was_offline = !d.online;
    d.online = answered;
    // The server is reachable (again) or healthy again: what waits for a retry is asked now.
    if ((answered && was_offline) || recovered) retry_waiting_now(d, done.key, effects);
    // A stream connection made during an outage may hang half-open for a long time.
    if (answered && was_offline && !d.stream_open) effects.push_back(ReconnectStream{});
}

void upsert_alert(std::vector<Alert>& alerts, const Alert& alert) {
    std::vector<Alert> next;
    for (const Alert& a : alerts)
        if (a.id != alert.id) next.push_back(a);
    if (alert.active) next.insert(next.begin(), alert);  // newest first until the list is refetched
    alerts = std::move(next);
}

// Applies one stream event to the alert list; false for events it does not understand.
bool apply_alert_event(std::vector<Alert>& alerts, const std::string& event, const std::string& data) {
    std::string error;
    if (event == "alert") {
        Alert alert;
        if (!decode_text(data, alert, error)) return false;
        upsert_alert(alerts, alert);
        return true;
    }
    if (event == "cancel") {
        const json j = json::parse(data, nullptr, false);
        const auto id = j.is_object() ? j.find("id") : j.end();
        if (!j.is_object() || id == j.end() || !id->is_number_integer()) return false;
        const std::int64_t cancelled = id->get<std::int64_t>();
        alerts.erase(std::remove_if(alerts.begin(), alerts.end(), [&](const Alert& a) { return a.id == cancelled; }),
                     alerts.end());
        return true;
    }
    return false;  // events of later versions
}

void on_cache_read(DataState& d, const CacheRead& read, std::vector<Effect>& effects) {
    with_remote(d, read.key, [&](auto& r) {
        r.fetch.requested = true;  // its offline copy was asked for: from now on it is kept fresh
        std::string etag, error;
        std::vector<std::string> pages;
        Events events;
        auto value = r.value;
        // A damaged copy is dropped, never shown; the server's answer replaces it.
        if (read.text && r.fetch.freshness == Freshness::None && open_envelope(*read.text, etag, pages, events) &&
            decode_pages(pages, value, error)) {
            r.value = std::move(value);
            // A copy with events on top no longer matches its list's ETag: ask for the whole list.
            r.fetch.etag = events.empty() ? etag : "";
            r.fetch.freshness = Freshness::Cached;
            if (read.key.kind == Resource::Alerts) {
                d.alert_pages = pages;
                d.alert_events = events;
                for (const auto& [event, data] : events) apply_alert_event(d.alerts.value, event, data);
            }
        }
        start_fetch(r.fetch, read.key, effects);
    });
}

void refresh_all(DataState& d, std::vector<Effect>& effects);

void on_stream_event(DataState& d, const StreamEvent& e, std::vector<Effect>& effects) {
    // Staff changed public content: every list is asked again now (cheap, with ETags), not in 10 minutes.
    if (e.event == "changed") return refresh_all(d, effects);
    if (e.event != "alert" && e.event != "cancel") return;
    if (apply_alert_event(d.alerts.value, e.event, e.data) && !d.alert_pages.empty()) {
        // Saved at once: what was shown live survives a power cut before the list comes again.
        d.alert_events.emplace_back(e.event, e.data);
        effects.push_back(WriteCache{cache_key({Resource::Alerts}), envelope(d.alerts.fetch.etag, d.alert_pages, d.alert_events)});
    }
    // The list is fetched again for its order, ETag and offline copy.
    start_fetch(d.alerts.fetch, {Resource::Alerts}, effects);
}

void refresh_all(DataState& d, std::vector<Effect>& effects) {
    for (const ResourceKey& key : all_resources())
        with_remote(d, key, [&](auto& r) {
            if (!r.fetch.requested) return;  // no page has shown it yet
            // Idle with nothing shown: its cached copy is still being read and will start the fetch.
            if (r.fetch.phase == FetchPhase::Idle && r.fetch.freshness == Freshness::None) return;
            if (r.fetch.phase == FetchPhase::WaitingRetry) r.fetch.phase = FetchPhase::Idle;
            start_fetch(r.fetch, key, effects);
        });
}

}  // namespace

void want_resource(DataState& d, const ResourceKey& key, std::vector<Effect>& effects) {
    with_remote(d, key, [&](auto& r) {
        if (!r.fetch.requested) {  // the offline copy answers first, then the server
            r.fetch.requested = true;
            effects.push_back(ReadCache{key});
            return;
        }
        // A policy's text is asked again only if not confirmed yet; lists are revalidated (cheaply,
        // with their ETag) each time their page opens.
        if (key.kind == Resource::Policy && r.fetch.freshness == Freshness::Current) return;
        const bool reading_cache = r.fetch.phase == FetchPhase::Idle && r.fetch.freshness == Freshness::None &&
                                   r.fetch.error == FetchError::None;  // its answer starts the fetch
        if (reading_cache) return;
        if (r.fetch.phase == FetchPhase::WaitingRetry) r.fetch.phase = FetchPhase::Idle;
        start_fetch(r.fetch, key, effects);
    });
}

bool reduce_data(DataState& d, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const AppStarted&) {
                for (const ResourceKey& key : list_resources()) {
                    with_remote(d, key, [](auto& r) { r.fetch.requested = true; });
                    effects.push_back(ReadCache{key});
                }
                effects.push_back(ScheduleRefresh{kRefreshMs});
                return true;
            },
            [&](const FetchPolicy& a) { return want_resource(d, {Resource::Policy, a.id}, effects), true; },
            [&](const CacheRead& a) { return on_cache_read(d, a, effects), true; },
            [&](const HttpDone& a) { return on_http_done(d, a, effects), true; },
            [&](const RetryDue& a) {
                with_remote(d, a.key, [&](auto& r) {
                    if (r.fetch.phase != FetchPhase::WaitingRetry) return;
                    r.fetch.phase = FetchPhase::Idle;
                    start_fetch(r.fetch, a.key, effects);
                });
                return true;
            },
            [&](const RetryNow&) { return refresh_all(d, effects), true; },
            [&](const RefreshDue&) {
                refresh_all(d, effects);
                effects.push_back(ScheduleRefresh{kRefreshMs});
                return true;
            },
            [&](const StreamEvent& a) { return on_stream_event(d, a, effects), true; },
            [&](const StreamChanged& a) {
                const bool reconnected = a.open && !d.stream_open;
                d.stream_open = a.open;
                if (reconnected) {  // back after a gap: catch up on everything at once
                    d.online = true;
                    refresh_all(d, effects);
                }
                return true;
            },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
