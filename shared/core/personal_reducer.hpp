#pragma once
// The reducer's half for the person in front of the screen: identity (account_reducer.cpp) and
// booking (booking_reducer.cpp). Each returns false for actions that are not theirs.
#include <string>
#include <vector>

#include "actions.hpp"
#include "effects.hpp"
#include "state.hpp"

namespace elder {

bool reduce_account(State& state, const Action& action, std::vector<Effect>& effects);
bool reduce_booking(State& state, const Action& action, std::vector<Effect>& effects);
bool reduce_help(State& state, const Action& action, std::vector<Effect>& effects);  // help_reducer.cpp
bool reduce_reading(State& state, const Action& action, std::vector<Effect>& effects);  // reading_reducer.cpp
// Speech of `text` at the resident's speed and volume (not part of 朗读).
Speak speak_words(const State& state, const std::string& text);

// Called when a route is opened: fetches what its page shows, sends to sign-in where one is needed.
// Returns the route to show instead of `target` (the sign-in page), or `target`.
Route route_opened(State& state, const Route& target, std::vector<Effect>& effects);

// Helpers shared by the two reducers.
// What to tell the resident about a call that failed: the server's own sentence (problem+json
// detail) when it gave one, else ours.
Message failure_message(const CallDone& done);
// Leaves the current page for `to` without keeping it behind Back (a sign-in page, a review page
// that must not be submitted twice); pages of `screens` are dropped from the Back stack too.
void replace_route(State& state, const Route& to, std::initializer_list<Screen> screens);
// A set-top box asks the server whether it is registered and bound (registering first if needed).
void refresh_device(State& state, std::vector<Effect>& effects);
// My help requests, for the page that lists them (with the resident's or the bound box's token).
void fetch_help_requests(State& state, std::vector<Effect>& effects);
// My appointments, asked again (nothing without an identity, or while a request is on its way).
void fetch_appointments(State& state, std::vector<Effect>& effects);
// The server no longer knows the resident's token (expired, signed out elsewhere): forget the
// person and ask them to sign in, coming back to the page they were on with what they had typed
// (kept for that phone only).
void sign_in_again(State& state, std::vector<Effect>& effects);
// Wipes what belongs to the resident: tokens, forms, lists (a kiosk visitor leaves, or signs out).
void forget_person(State& state, std::vector<Effect>& effects);
// Ends the resident's sign-in on the server too (POST /auth/logout), if there is one.
void revoke_sign_in(const State& state, std::vector<Effect>& effects);

}  // namespace elder
