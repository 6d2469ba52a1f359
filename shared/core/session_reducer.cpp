// A kiosk's visits. A visitor who leaves without 结束 is not left signed in for the next: after the
// idle time untouched the visit ends, with a 20 s warning (还需要更多时间吗) for a visitor who has
// gone somewhere; an untouched home page simply turns to the attract screen.
#include <algorithm>
#include <cmath>

#include "overloaded.hpp"
#include "personal_reducer.hpp"

namespace elder {
namespace {

constexpr double kWarningMs = 20000;

bool watched(const State& state) { return state.can.visitor_sessions && state.route.screen != Screen::Attract; }

double timeout_ms(const State& state) {
    const int s = state.visit.timeout_s > 0 ? state.visit.timeout_s : static_cast<int>(state.data.site.value.kiosk_idle_timeout_s);
    return s * 1000.0;
}

double left_ms(const State& state) { return timeout_ms(state) - (state.visit.now_ms - state.visit.last_input_ms); }

void tick(State& state, double now_ms, std::vector<Effect>& effects) {
    state.visit.now_ms = now_ms;
    if (!watched(state)) return;
    const double left = left_ms(state);
    if (left <= 0) return end_session(state, effects);
    const bool visiting = state.route.screen != Screen::Home || !state.personal.token.empty();
    state.visit.warning_seconds = visiting && left <= kWarningMs ? static_cast<int>(std::ceil(left / 1000)) : -1;
}

}  // namespace

// The next visitor finds nothing of the last one: no token, no form, no lists, no search, no
// remembered places; the kiosk shows its attract screen.
void end_session(State& state, std::vector<Effect>& effects) {
    revoke_sign_in(state, effects);  // a token copied off this screen must not outlive the visit
    forget_person(state, effects);
    state.back_stack.clear();
    state.focus.clear();
    state.scroll.clear();
    state.search_query.clear();
    state.keyword.clear();
    state.visit.warning_seconds = -1;
    state.route = {Screen::Attract, ""};
    effects.push_back(Print{});  // the last ticket printed leaves the page too
}

int idle_deadline_ms(const State& state) {
    if (!watched(state)) return -1;
    const double left = left_ms(state);
    double wait = left;                                                          // the end
    if (state.visit.warning_seconds >= 0) wait = std::fmod(left, 1000.0);        // the countdown's next second
    else if (left > kWarningMs) wait = left - kWarningMs;                        // the warning
    return static_cast<int>(std::max(0.0, std::ceil(wait)));
}

bool between_visitors(const State& state) {
    return state.can.visitor_sessions && state.route.screen == Screen::Attract;
}

bool reduce_session(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const EndSession&) { return end_session(state, effects), true; },
            [&](const Tick& a) { return tick(state, a.now_ms, effects), true; },
            [&](const VisitorActive&) {
                state.visit.last_input_ms = state.visit.now_ms;
                state.visit.warning_seconds = -1;
                return true;
            },
            [&](const StillHere&) { return true; },  // the touch itself was VisitorActive
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
