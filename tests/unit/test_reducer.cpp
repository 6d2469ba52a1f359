#include <algorithm>
#include <catch2/catch.hpp>

#include "core/personal_reducer.hpp"
#include "core/reducer.hpp"
#include "core/settings.hpp"

using namespace elder;

namespace {
// Plain navigation has no effects; the data reducer has its own tests (test_data_store.cpp).
State step(State s, const Action& a) {
    std::vector<Effect> effects;
    State next = reduce(std::move(s), a, effects);
    CHECK(effects.empty());
    return next;
}

State step(State s, const Action& a, std::vector<Effect>& effects) {
    effects.clear();
    return reduce(std::move(s), a, effects);
}
}  // namespace

TEST_CASE("opening a tile and going back") {
    State s;
    s = step(s, FocusItem{3});
    s = step(s, OpenScreen{Screen::Contacts});
    CHECK(s.route.screen == Screen::Contacts);
    CHECK(s.back_stack.size() == 1);
    s = step(s, GoBack{});
    CHECK(s.route.screen == Screen::Home);
    CHECK(s.focused() == 3);  // focus is remembered per screen
    s = step(s, GoBack{});
    CHECK(s.route.screen == Screen::Home);  // Back on home stays home
}

TEST_CASE("number keys open home tiles from anywhere, and Back returns home") {
    State s;
    s = step(s, OpenScreen{Screen::Settings});
    s = step(s, OpenTileNumber{1});
    CHECK(s.route.screen == Screen::Policies);
    CHECK(s.back_stack == std::vector<Route>{Route{}});
    CHECK(s.focus_of(Route{}) == 0);
    s = step(s, OpenTileNumber{7});
    CHECK(s.route.screen == Screen::Sos);
    s = step(s, GoBack{});
    CHECK(s.route.screen == Screen::Home);
    CHECK(s.focused() == 6);
}

TEST_CASE("number keys outside 1..9 change nothing") {
    State s;
    for (int n : {0, 10, -1, 100}) {
        const State next = step(s, OpenTileNumber{n});
        CHECK(next.route.screen == Screen::Home);
        CHECK(next.back_stack.empty());
    }
}

TEST_CASE("Home clears the way back") {
    State s;
    s = step(s, OpenScreen{Screen::Guides});
    s = step(s, OpenScreen{Screen::Contacts});
    s = step(s, GoHome{});
    CHECK(s.route.screen == Screen::Home);
    CHECK(s.back_stack.empty());
}

TEST_CASE("every home tile has a distinct screen and name") {
    const auto& tiles = home_tiles();
    for (size_t i = 0; i < tiles.size(); ++i) {
        CHECK(tiles[i].screen != Screen::Home);
        CHECK(screen_title_key(tiles[i].screen) == tiles[i].label_key);
        for (size_t j = i + 1; j < tiles.size(); ++j) CHECK(screen_name(tiles[i].screen) != screen_name(tiles[j].screen));
    }
}

TEST_CASE("routes: each category and policy remembers its own focus and scroll") {
    State s;
    s = step(s, OpenScreen{Screen::Policies});
    s = step(s, OpenScreen{Screen::PolicyList, "yanglao"});
    s = step(s, FocusItem{4});
    s = step(s, ScrollTo{300});
    s = step(s, GoBack{});
    s = step(s, OpenScreen{Screen::PolicyList, "yiliao"});
    CHECK(s.focused() == 0);
    CHECK(s.scrolled() == 0);
    s = step(s, GoBack{});
    s = step(s, OpenScreen{Screen::PolicyList, "yanglao"});
    CHECK(s.focused() == 4);
    CHECK(s.scrolled() == 300);
    s = step(s, ScrollTo{-50});
    CHECK(s.scrolled() == 0);  // never above the top
}

TEST_CASE("opening a policy fetches its text and marks it read, once") {
    State s;
    std::vector<Effect> effects;
    s = step(s, OpenScreen{Screen::PolicyDetail, "12"}, effects);
    CHECK(s.read_policies.count(12) == 1);
    bool fetch = false, saved = false;
    for (const Effect& e : effects) {
        if (const auto* r = std::get_if<ReadCache>(&e)) fetch = r->key == ResourceKey{Resource::Policy, 12};
        if (const auto* w = std::get_if<WriteCache>(&e)) saved = w->key == "read.policies" && w->text == "[12]";
    }
    CHECK(fetch);
    CHECK(saved);
    s = step(s, GoBack{}, effects);
    s = step(s, OpenScreen{Screen::PolicyDetail, "12"}, effects);
    for (const Effect& e : effects) CHECK_FALSE(std::holds_alternative<WriteCache>(e));  // already read
}

TEST_CASE("settings change, are saved, and come back from storage, damaged values are ignored") {
    State s;
    std::vector<Effect> effects;
    s = step(s, SetTextSize{2}, effects);
    CHECK(s.settings.text_size == 2);
    REQUIRE(effects.size() == 1);
    const std::string saved = std::get<WriteCache>(effects[0]).text;
    s = step(s, SetTextSize{7}, effects);  // past the largest: stays the largest, nothing to save
    CHECK(s.settings.text_size == 2);
    CHECK(effects.empty());
    s = step(s, SetLanguage{"fr"}, effects);
    CHECK(s.settings.language == "zh-CN");
    s = step(s, SetHighContrast{true}, effects);
    s = step(s, SetVoice{true}, effects);

    State fresh;
    fresh = step(fresh, StoredRead{"settings", saved}, effects);
    CHECK(fresh.settings.text_size == 2);
    fresh = step(fresh, StoredRead{"settings", std::string(R"({"text_size": 9, "language": 5, "voice": true})")}, effects);
    CHECK(fresh.settings.text_size == 2);
    CHECK(fresh.settings.language == "zh-CN");
    CHECK(fresh.settings.voice);
    fresh = step(fresh, StoredRead{"settings", std::string("{not json")}, effects);
    CHECK(fresh.settings.voice);
    CHECK(text_scale(2) >= 1.6f * text_scale(0));  // ACCESSIBILITY.md: the largest >= 1.6x the default
}

TEST_CASE("start reads the settings and read markers before anything else") {
    State s;
    std::vector<Effect> effects;
    s = step(s, AppStarted{}, effects);
    REQUIRE(effects.size() >= 2);
    CHECK(std::get<ReadStored>(effects[0]).key == "settings");
    CHECK(std::get<ReadStored>(effects[1]).key == "read.policies");
    s = step(s, StoredRead{"read.policies", std::string("[3, 5, \"x\"]")}, effects);
    CHECK(s.read_policies == std::set<std::int64_t>{3, 5});
}

TEST_CASE("a kiosk visit is state: the clock's ticks warn 20 s before the idle end, then the visit ends") {
    State s;
    s.can = capabilities_of(Surface::Kiosk);
    s = step(s, Tick{0});
    s = step(s, OpenScreen{Screen::Contacts, ""});
    CHECK_FALSE(between_visitors(s));  // someone is using it: no new version may take over now
    s = step(s, Tick{99000});  // 120 s is the site's default: 21 s left
    CHECK(s.visit.warning_seconds == -1);
    CHECK(idle_deadline_ms(s) == 1000);  // the warning is the next thing to happen
    s = step(s, Tick{100500});
    CHECK(s.visit.warning_seconds == 20);
    s = step(s, VisitorActive{});  // a touch: the countdown goes
    CHECK(s.visit.warning_seconds == -1);
    s = step(s, Tick{100500 + 119999});
    CHECK(s.route.screen == Screen::Contacts);
    std::vector<Effect> fx;
    s = step(s, Tick{100500 + 120000}, fx);
    CHECK(s.route.screen == Screen::Attract);
    CHECK(std::any_of(fx.begin(), fx.end(), [](const Effect& e) { return std::holds_alternative<RemoveCache>(e); }));
    CHECK(idle_deadline_ms(s) == -1);  // the attract screen waits for the next visitor
    CHECK(between_visitors(s));          // the web shell may let a new version take over now
    s = step(s, OpenScreen{Screen::Home, ""});
    CHECK_FALSE(between_visitors(s));

    State tv;  // a TV has no visits to end
    tv = step(tv, OpenScreen{Screen::Contacts, ""});
    tv = step(tv, Tick{10 * 3600 * 1000.0});
    CHECK(tv.route.screen == Screen::Contacts);
    CHECK_FALSE(between_visitors(tv));  // nor anyone between them: a browser or TV updates on its next start
}
