#include <catch2/catch.hpp>

#include "core/reducer.hpp"

using namespace elder;

namespace {
// Navigation has no effects; the data reducer has its own tests (test_data_store.cpp).
State step(State s, const Action& a) {
    std::vector<Effect> effects;
    State next = reduce(std::move(s), a, effects);
    CHECK(effects.empty());
    return next;
}
}  // namespace

TEST_CASE("opening a tile and going back") {
    State s;
    s = step(s, FocusItem{3});
    s = step(s, OpenScreen{Screen::Alerts});
    CHECK(s.screen == Screen::Alerts);
    CHECK(s.back_stack.size() == 1);
    s = step(s, GoBack{});
    CHECK(s.screen == Screen::Home);
    CHECK(s.focused() == 3);  // focus is remembered per screen
    s = step(s, GoBack{});
    CHECK(s.screen == Screen::Home);  // Back on home stays home
}

TEST_CASE("number keys open home tiles from anywhere, and Back returns home") {
    State s;
    s = step(s, OpenScreen{Screen::Settings});
    s = step(s, OpenTileNumber{1});
    CHECK(s.screen == Screen::Policies);
    CHECK(s.back_stack == std::vector<Screen>{Screen::Home});
    CHECK(s.focus[static_cast<int>(Screen::Home)] == 0);
    s = step(s, OpenTileNumber{7});
    CHECK(s.screen == Screen::Sos);
    s = step(s, GoBack{});
    CHECK(s.screen == Screen::Home);
    CHECK(s.focused() == 6);
}

TEST_CASE("number keys outside 1..8 change nothing") {
    State s;
    for (int n : {0, 9, -1, 100}) {
        const State next = step(s, OpenTileNumber{n});
        CHECK(next.screen == Screen::Home);
        CHECK(next.back_stack.empty());
    }
}

TEST_CASE("Home clears the way back") {
    State s;
    s = step(s, OpenScreen{Screen::Guides});
    s = step(s, OpenScreen{Screen::Appointments});
    s = step(s, GoHome{});
    CHECK(s.screen == Screen::Home);
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
