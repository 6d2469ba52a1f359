// Navigation. Pages are declared in page_list.hpp; this file reads the table's sign-in rule and
// runs each page's `opened` function, so that no switch over pages grows here.
#include "navigation.hpp"

#include <algorithm>
#include <cstdlib>

#include "codecs.hpp"
#include "overloaded.hpp"
#include "reducer.hpp"
#include "settings.hpp"

namespace elder {
namespace {

enum Who { Anyone, Identified };
using Opened = void (*)(State&, const Route&, std::vector<Effect>&);

struct Row {
    Who who;
    Opened opened;
};

#define ELDER_PAGE_ROW(id, name, title, tile, who, opened, draw) Row{who, &opened},
const Row kRows[] = {ELDER_PAGES(ELDER_PAGE_ROW)};
#undef ELDER_PAGE_ROW

const Row& row(Screen screen) { return kRows[static_cast<size_t>(screen)]; }

void open(State& state, const Route& target, std::vector<Effect>& effects) {
    if (target == state.route) return;
    state.back_stack.push_back(state.route);
    state.route = route_opened(state, target, effects);
}

void open_tile(State& state, int number, std::vector<Effect>& effects) {
    const auto& tiles = home_tiles();
    if (number < 1 || number > static_cast<int>(tiles.size())) return;
    state.focus[Route{}.key()] = {tiles[number - 1].label_key, number - 1};  // tiles' node ids are their label keys
    state.back_stack.clear();  // a number key is a shortcut from anywhere: home, then the tile
    state.route = Route{};
    open(state, {tiles[number - 1].screen, ""}, effects);
}

}  // namespace

bool page_is_personal(Screen screen) { return row(screen).who == Identified; }

Route route_opened(State& state, const Route& target, std::vector<Effect>& effects) {
    if (page_is_personal(target.screen) && state.can.signs_in_residents && state.personal.token.empty()) {
        state.personal.after_sign_in = target;
        state.personal.form = Form{};
        state.personal.form.active = "phone";
        return {Screen::SignIn, ""};
    }
    row(target.screen).opened(state, target, effects);
    return target;
}

void replace_route(State& state, const Route& to, std::initializer_list<Screen> screens) {
    auto& stack = state.back_stack;
    while (!stack.empty() && std::find(screens.begin(), screens.end(), stack.back().screen) != screens.end()) stack.pop_back();
    state.route = to;
}

void opens_nothing(State&, const Route&, std::vector<Effect>&) {}

void open_policy(State& state, const Route& target, std::vector<Effect>& effects) {
    const std::int64_t id = std::atoll(target.arg.c_str());
    want_resource(state.data, {Resource::Policy, id}, effects);
    if (state.read_policies.insert(id).second) effects.push_back(WriteCache{"read.policies", encode_ids(state.read_policies)});
}

void open_alerts(State& state, const Route&, std::vector<Effect>& effects) {
    want_resource(state.data, {Resource::AlertHistory}, effects);
}

bool reduce_navigation(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const OpenScreen& a) { return open(state, {a.screen, a.arg}, effects), true; },
            [&](const OpenTileNumber& a) { return open_tile(state, a.number, effects), true; },
            [&](const FocusItem& a) {
                if (a.index >= 0) state.focus[state.route.key()] = {a.id, a.index};
                return true;
            },
            [&](const ScrollTo& a) { return state.scroll[state.route.key()] = std::max(0.0f, a.offset), true; },
            [&](const GoBack&) {
                if (state.back_stack.empty()) return true;  // Back on home stays home
                state.route = state.back_stack.back();
                state.back_stack.pop_back();
                return true;
            },
            [&](const GoHome&) {
                state.back_stack.clear();
                state.route = Route{};
                return true;
            },
            [&](const ReloadPage&) { return state.route = route_opened(state, state.route, effects), true; },
            [&](const SetToday& a) {  // the clock passed midnight (or was read at start): the date page moves on
                state.today = a.date;
                if (state.route.screen == Screen::BookDate) state.route = route_opened(state, state.route, effects);
                return true;
            },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
