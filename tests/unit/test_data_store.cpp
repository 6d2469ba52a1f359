// The data half of the store: offline cache first, ETags, paging, retries, the alert stream.
// Plain reducer calls with real server answers (fixtures): no network, no clock, no ImGui.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/reducer.hpp"
#include "fixture.hpp"

using namespace elder;
using elder::test::fixture;
using nlohmann::json;

namespace {

struct Store {
    State state;
    std::vector<Effect> effects;  // of the last step only

    Store& operator()(const Action& action) {
        effects.clear();
        state = reduce(std::move(state), action, effects);
        return *this;
    }
    template <class E> std::vector<E> all() const {
        std::vector<E> out;
        for (const Effect& e : effects)
            if (const E* x = std::get_if<E>(&e)) out.push_back(*x);
        return out;
    }
    template <class E> E only() const {
        const auto v = all<E>();
        REQUIRE(v.size() == 1);
        return v[0];
    }
};

const ResourceKey kPolicies{Resource::Policies};
const ResourceKey kAlerts{Resource::Alerts};
const ResourceKey kSite{Resource::Site};

// A store that has fetched the policies from the server once; returns its saved offline copy.
std::string fetch_policies_once(Store& s, const std::string& etag = "\"p1\"") {
    s(CacheRead{kPolicies, std::nullopt});
    const json page = json::parse(fixture("policies_page"));
    json last = page;
    last["next_cursor"] = nullptr;
    s(HttpDone{kPolicies, 200, last.dump(), etag, ""});
    return s.only<WriteCache>().text;
}

}  // namespace

TEST_CASE("start: every list is read from the offline cache first, then asked of the server") {
    Store s;
    s(AppStarted{});
    CHECK(s.all<ReadCache>().size() == list_resources().size());
    CHECK(s.all<HttpGet>().empty());  // nothing goes to the network before the cache answered
    CHECK(s.all<ScheduleRefresh>().size() == 1);

    s(CacheRead{kSite, std::nullopt});
    const HttpGet get = s.only<HttpGet>();
    CHECK(get.path == "/api/v1/site");
    CHECK(get.if_none_match.empty());  // nothing cached: nothing to compare
    CHECK(s.state.data.site.fetch.phase == FetchPhase::Running);
}

TEST_CASE("a server answer is shown, saved, and on the next start shown at once from the cache") {
    Store first;
    const std::string saved = fetch_policies_once(first);
    const auto& policies = first.state.data.policies;
    CHECK(policies.fetch.freshness == Freshness::Current);
    CHECK(policies.value.size() == 5);
    CHECK(first.only<WriteCache>().key == "cache.policies");

    Store next;  // a new run of the app
    next(CacheRead{kPolicies, saved});
    CHECK(next.state.data.policies.fetch.freshness == Freshness::Cached);
    CHECK(next.state.data.policies.value.size() == 5);
    CHECK(next.state.data.policies.value[0].title == policies.value[0].title);
    CHECK(next.only<HttpGet>().if_none_match == "\"p1\"");

    next(HttpDone{kPolicies, 304, "", "\"p1\"", ""});  // not modified: the copy is current
    CHECK(next.state.data.policies.fetch.freshness == Freshness::Current);
    CHECK(next.state.data.policies.value.size() == 5);
    CHECK(next.effects.empty());  // nothing to save again
}

TEST_CASE("a damaged offline copy is never shown, the server is asked without an ETag") {
    for (const std::string& damaged : {std::string("{"), std::string("{\"etag\":\"x\",\"pages\":[\"{\\\"items\\\":7}\"]}"),
                                       std::string("{\"etag\":1,\"pages\":[]}"), std::string("\xff\xfe")}) {
        Store s;
        s(CacheRead{kPolicies, damaged});
        CHECK(s.state.data.policies.fetch.freshness == Freshness::None);
        CHECK(s.state.data.policies.value.empty());
        CHECK(s.only<HttpGet>().if_none_match.empty());
    }
}

TEST_CASE("a paged list replaces what is shown only when its last page has arrived") {
    Store s;
    const std::string saved = fetch_policies_once(s);
    s(RefreshDue{});
    const HttpGet first = s.only<HttpGet>();
    CHECK(first.if_none_match == "\"p1\"");

    json page = json::parse(fixture("policies_page"));
    page["items"] = json::array({page["items"][0]});
    page["next_cursor"] = "2026-10-05_20+x:y";  // a cursor with characters that need encoding
    s(HttpDone{kPolicies, 200, page.dump(), "\"p2\"", ""});
    const HttpGet second = s.only<HttpGet>();
    CHECK(second.path == "/api/v1/policies?limit=100&cursor=2026-10-05_20%2Bx%3Ay");
    CHECK(second.if_none_match.empty());
    CHECK(s.state.data.policies.value.size() == 5);  // still the old, complete list

    page["next_cursor"] = nullptr;
    s(HttpDone{kPolicies, 200, page.dump(), "", ""});
    CHECK(s.state.data.policies.value.size() == 2);
    CHECK(s.state.data.policies.fetch.etag == "\"p2\"");  // the first page's ETag stands for the list
    const json copy = json::parse(s.only<WriteCache>().text);
    CHECK(copy["pages"].size() == 2);
}

TEST_CASE("a broken page in the middle keeps the old list whole and retries") {
    Store s;
    fetch_policies_once(s);
    s(RefreshDue{});
    json page = json::parse(fixture("policies_page"));
    page["next_cursor"] = "c2";
    s(HttpDone{kPolicies, 200, page.dump(), "\"p2\"", ""});
    s(HttpDone{kPolicies, 200, "{\"items\": [{\"id\": \"not a number\"}], \"next_cursor\": null}", "", ""});
    CHECK(s.state.data.policies.value.size() == 5);
    CHECK(s.state.data.policies.fetch.etag == "\"p1\"");
    CHECK(s.state.data.policies.fetch.error == FetchError::BadAnswer);
    CHECK(s.only<ScheduleRetry>().attempt == 0);
    CHECK(s.all<WriteCache>().empty());
}

TEST_CASE("failures keep the data, retry with growing attempts, and any answer brings the rest back at once") {
    Store s;
    fetch_policies_once(s);
    s(CacheRead{kSite, std::nullopt});
    s(HttpDone{kSite, 200, fixture("site"), "", ""});
    s(RefreshDue{});

    // The server disappears: no answers.
    s(HttpDone{kPolicies, 0, "", "", "connection refused"});
    CHECK_FALSE(s.state.data.online);
    CHECK(s.state.data.policies.fetch.error == FetchError::Offline);
    CHECK(s.state.data.policies.value.size() == 5);
    CHECK(s.only<ScheduleRetry>().attempt == 0);
    for (int attempt = 1; attempt <= 3; ++attempt) {
        s(RetryDue{kPolicies});
        CHECK(s.only<HttpGet>().if_none_match == "\"p1\"");
        s(HttpDone{kPolicies, 0, "", "", "timeout"});
        CHECK(s.only<ScheduleRetry>().attempt == attempt);
    }
    s(HttpDone{kSite, 500, "{}", "", ""});  // an answer, if not a good one: the server is back
    CHECK(s.state.data.online);
    CHECK(s.state.data.site.fetch.error == FetchError::ServerError);
    // ... so policies, waiting for their retry timer, are asked again right now.
    const auto gets = s.all<HttpGet>();
    REQUIRE(gets.size() == 1);
    CHECK(gets[0].key == kPolicies);
    s(HttpDone{kPolicies, 304, "", "\"p1\"", ""});
    CHECK(s.state.data.policies.fetch.error == FetchError::None);
    CHECK(s.state.data.policies.fetch.failures == 0);
}

TEST_CASE("a retry timer for a fetch that already succeeded does nothing, late answers are ignored") {
    Store s;
    fetch_policies_once(s);
    s(RetryDue{kPolicies});
    CHECK(s.effects.empty());
    const auto before = describe(s.state.data);
    s(HttpDone{kPolicies, 200, "{\"items\": [], \"next_cursor\": null}", "\"late\"", ""});
    CHECK(describe(s.state.data) == before);
    CHECK(s.state.data.policies.value.size() == 5);
}

TEST_CASE("a 304 without a copy to confirm is an error, not an empty list") {
    Store s;
    s(CacheRead{kPolicies, std::nullopt});
    s(HttpDone{kPolicies, 304, "", "", ""});
    CHECK(s.state.data.policies.fetch.freshness == Freshness::None);
    CHECK(s.state.data.policies.fetch.error == FetchError::ServerError);
}

TEST_CASE("a policy's full text: cached, fetched, and forgotten when withdrawn") {
    Store s;
    const json detail = json::parse(fixture("policy"));
    const std::int64_t id = detail["id"];
    const ResourceKey key{Resource::Policy, id};
    s(FetchPolicy{id});
    CHECK(s.only<ReadCache>().key == key);
    s(CacheRead{key, std::nullopt});
    CHECK(s.only<HttpGet>().path == "/api/v1/policies/" + std::to_string(id));
    s(HttpDone{key, 200, detail.dump(), "\"d1\"", ""});
    CHECK(s.state.data.policy_details.at(id).value.body == detail["body"].get<std::string>());
    CHECK(s.only<WriteCache>().key == "cache.policy." + std::to_string(id));

    s(FetchPolicy{id});  // already current: nothing to do
    CHECK(s.effects.empty());

    Store later;
    later(FetchPolicy{id});
    later(CacheRead{key, std::nullopt});
    later(HttpDone{key, 404, fixture("problem_not_found"), "", ""});
    CHECK(later.state.data.policy_details.at(id).fetch.error == FetchError::NotFound);
    CHECK(later.only<RemoveCache>().key == "cache.policy." + std::to_string(id));
    CHECK(later.all<ScheduleRetry>().empty());
}

TEST_CASE("staff changing content: the stream says so, the lists come again, a withdrawn policy's open copy says so") {
    Store s;
    fetch_policies_once(s);
    json page = json::parse(fixture("policies_page"));
    page["next_cursor"] = nullptr;
    REQUIRE(page["items"].size() >= 2);
    const std::int64_t gone = page["items"][0]["id"], kept = page["items"][1]["id"];
    for (const std::int64_t id : {gone, kept}) {  // both read on this device
        json detail = json::parse(fixture("policy"));
        detail["id"] = id;
        s(FetchPolicy{id});
        s(CacheRead{{Resource::Policy, id}, std::nullopt});
        s(HttpDone{{Resource::Policy, id}, 200, detail.dump(), "\"d\"", ""});
    }

    s(StreamEvent{"changed", "{\"resource\": \"policies\"}"});
    CHECK(s.only<HttpGet>().key == kPolicies);  // at once, not at the 10-minute check
    page["items"].erase(page["items"].begin());
    s(HttpDone{kPolicies, 200, page.dump(), "\"p2\"", ""});
    const auto& withdrawn = s.state.data.policy_details.at(gone);
    CHECK(withdrawn.fetch.error == FetchError::NotFound);
    CHECK(withdrawn.fetch.freshness == Freshness::None);
    CHECK(withdrawn.value.body.empty());
    CHECK(s.only<RemoveCache>().key == "cache.policy." + std::to_string(gone));
    CHECK(s.state.data.policy_details.at(kept).fetch.freshness == Freshness::Current);
}

TEST_CASE("live alerts: new and updated ones show at once, cancelled and expired ones go") {
    Store s;
    s(CacheRead{kAlerts, std::nullopt});
    s(HttpDone{kAlerts, 200, fixture("alerts"), "\"a1\"", ""});
    const size_t shown = s.state.data.alerts.value.size();
    REQUIRE(shown >= 2);

    json alert = json::parse(fixture("alerts"))["items"][0];
    alert["id"] = 999;
    alert["info"][0]["headline"] = "新的预警";
    s(StreamEvent{"alert", alert.dump()});
    CHECK(s.state.data.alerts.value.size() == shown + 1);
    CHECK(s.state.data.alerts.value[0].infos[0].headline == "新的预警");
    CHECK(s.only<HttpGet>().key == kAlerts);  // refetched for its order, ETag and offline copy
    s(HttpDone{kAlerts, 304, "", "\"a1\"", ""});

    alert["info"][0]["headline"] = "更新的预警";  // an Update keeps the id
    s(StreamEvent{"alert", alert.dump()});
    CHECK(s.state.data.alerts.value.size() == shown + 1);
    CHECK(s.state.data.alerts.value[0].infos[0].headline == "更新的预警");
    s(HttpDone{kAlerts, 304, "", "\"a1\"", ""});

    s(StreamEvent{"cancel", "{\"id\": 999, \"identifier\": \"x\"}"});
    CHECK(s.state.data.alerts.value.size() == shown);
    s(HttpDone{kAlerts, 304, "", "\"a1\"", ""});

    alert["id"] = json::parse(fixture("alerts"))["items"][1]["id"];
    alert["active"] = false;  // expired
    s(StreamEvent{"alert", alert.dump()});
    CHECK(s.state.data.alerts.value.size() == shown - 1);
    s(HttpDone{kAlerts, 304, "", "\"a1\"", ""});

    for (const char* junk : {"{", "[]", "{\"id\": \"x\"}", ""}) {
        s(StreamEvent{"cancel", junk});
        s(StreamEvent{"alert", junk});
        CHECK(s.state.data.alerts.value.size() == shown - 1);
    }
    s(StreamEvent{"weather-radar", "{}"});  // an event of a later version
    CHECK(s.effects.empty());
}

TEST_CASE("the alert stream coming back catches up on every list") {
    Store s;
    fetch_policies_once(s);
    s(StreamChanged{true});
    CHECK(s.all<HttpGet>().size() == 1);  // only what has started (the others wait for their cache)
    s(HttpDone{kPolicies, 304, "", "\"p1\"", ""});
    s(StreamChanged{true});
    CHECK(s.effects.empty());  // no change, no refetch
    s(StreamChanged{false});
    s(StreamChanged{true});
    CHECK(s.only<HttpGet>().key == kPolicies);
}

TEST_CASE("the same actions give the same state and effects") {
    auto run = [] {
        Store s;
        std::vector<std::string> trace;
        s(AppStarted{});
        for (const ResourceKey& key : list_resources()) s(CacheRead{key, std::nullopt});
        s(HttpDone{kSite, 200, fixture("site"), "\"s\"", ""});
        s(HttpDone{kPolicies, 0, "", "", "refused"});
        s(RetryDue{kPolicies});
        trace.push_back(describe(s.state.data).dump());
        trace.push_back(std::to_string(s.effects.size()));
        return trace;
    };
    CHECK(run() == run());
}

TEST_CASE("an alert seen live is in the offline copy at once, and a copy with events is fetched whole") {
    Store s;
    s(CacheRead{kAlerts, std::nullopt});
    s(HttpDone{kAlerts, 200, fixture("alerts"), "\"a1\"", ""});
    const size_t listed = s.state.data.alerts.value.size();
    json alert = json::parse(fixture("alerts"))["items"][0];
    alert["id"] = 999;
    alert["info"][0]["headline"] = "刚发布的预警";
    s(StreamEvent{"alert", alert.dump()});
    const std::string saved = s.only<WriteCache>().text;  // written before the list is fetched again

    Store next;  // the box was switched off before that fetch finished
    next(CacheRead{kAlerts, saved});
    CHECK(next.state.data.alerts.value.size() == listed + 1);
    CHECK(next.state.data.alerts.value[0].infos[0].headline == "刚发布的预警");
    CHECK(next.only<HttpGet>().if_none_match.empty());  // the list's ETag no longer describes this copy

    // The list fetched again replaces list and events alike.
    next(HttpDone{kAlerts, 200, fixture("alerts"), "\"a2\"", ""});
    CHECK(next.state.data.alerts.value.size() == listed);
    CHECK(json::parse(next.only<WriteCache>().text).count("events") == 0);
}

TEST_CASE("one list recovering from server errors brings the others back at once") {
    Store s;
    fetch_policies_once(s);
    s(CacheRead{kSite, std::nullopt});
    s(HttpDone{kSite, 200, fixture("site"), "", ""});
    s(RefreshDue{});
    s(HttpDone{kSite, 500, "{}", "", ""});
    s(HttpDone{kPolicies, 503, "{}", "", ""});
    CHECK(s.state.data.online);  // errors are answers: the server is reachable, not healthy
    s(RetryDue{kSite});
    s(HttpDone{kSite, 304, "", "", ""});  // the site works again ...
    CHECK(s.only<HttpGet>().key == kPolicies);  // ... so policies need not wait for their timer
    s(HttpDone{kPolicies, 304, "", "\"p1\"", ""});
    CHECK(s.effects.empty());  // nothing else waits for a retry
}

TEST_CASE("再试一次 asks again at once without starting another refresh timer") {
    Store s;
    s(CacheRead{kPolicies, std::nullopt});
    s(HttpDone{kPolicies, 0, "", "", "refused"});
    s(RetryNow{});
    CHECK(s.only<HttpGet>().key == kPolicies);
    CHECK(s.all<ScheduleRefresh>().empty());  // pressing it often must not multiply the 10-minute refreshes
}
