#include "reducer.hpp"

#include "overloaded.hpp"

namespace elder {
namespace {

State open(State state, Screen target) {
    if (target == state.screen) return state;
    state.back_stack.push_back(state.screen);
    state.screen = target;
    return state;
}

}  // namespace

State reduce(State state, const Action& action, std::vector<Effect>& effects) {
    if (reduce_data(state.data, action, effects)) return state;
    return std::visit(
        Overloaded{
            [&](const OpenScreen& a) { return open(state, a.screen); },
            [&](const OpenTileNumber& a) {
                const auto& tiles = home_tiles();
                if (a.number < 1 || a.number > static_cast<int>(tiles.size())) return state;
                State next = state;
                next.focus[static_cast<int>(Screen::Home)] = a.number - 1;
                next.back_stack.clear();  // a number key is a shortcut from anywhere: home, then the tile
                next.screen = Screen::Home;
                return open(next, tiles[a.number - 1].screen);
            },
            [&](const FocusItem& a) {
                if (a.index >= 0) state.focus[static_cast<int>(state.screen)] = a.index;
                return state;
            },
            [&](const GoBack&) {
                if (state.back_stack.empty()) return state;  // Back on home stays home
                state.screen = state.back_stack.back();
                state.back_stack.pop_back();
                return state;
            },
            [&](const GoHome&) {
                state.back_stack.clear();
                state.screen = Screen::Home;
                return state;
            },
            [&](const auto&) { return state; },
        },
        action);
}

}  // namespace elder
