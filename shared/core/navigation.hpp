#pragma once
// Navigation: which page is shown, Back, Home, number keys, focus and scroll per page, and what a
// page does when it opens (its `opened` function in core/page_list.hpp).
#include <initializer_list>
#include <vector>

#include "actions.hpp"
#include "effects.hpp"
#include "state.hpp"

namespace elder {

bool reduce_navigation(State& state, const Action& action, std::vector<Effect>& effects);

// Called when a route is opened: fetches what its page shows, sends to sign-in where one is needed.
// Returns the route to show instead of `target` (the sign-in page), or `target`.
Route route_opened(State& state, const Route& target, std::vector<Effect>& effects);

// Whether the page shows a resident's or a household's own data (its row's `who` is Identified).
bool page_is_personal(Screen screen);

// Leaves the current page for `to` without keeping it behind Back (a sign-in page, a review page
// that must not be submitted twice); pages of `screens` are dropped from the Back stack too.
void replace_route(State& state, const Route& to, std::initializer_list<Screen> screens);

// The pages' `opened` functions, one per row of page_list.hpp (defined by the reducer that owns
// what the page shows: booking_reducer.cpp, help_reducer.cpp, ...).
#define ELDER_DECLARE_OPENED(id, name, title, tile, who, opened, draw) \
    void opened(State& state, const Route& target, std::vector<Effect>& effects);
ELDER_PAGES(ELDER_DECLARE_OPENED)
#undef ELDER_DECLARE_OPENED

}  // namespace elder
