#pragma once
// Helpers shared by the reducers for the person in front of the screen: identity
// (account_reducer.cpp), booking (booking_reducer.cpp), help (help_reducer.cpp), reading.
#include <string>
#include <vector>

#include "actions.hpp"
#include "effects.hpp"
#include "navigation.hpp"
#include "reducer.hpp"
#include "state.hpp"

namespace elder {

// Speech of `text` at the resident's speed and volume (not part of 朗读).
Speak speak_words(const State& state, const std::string& text);

// What to tell the resident about a call that failed: the server's own sentence (problem+json
// detail) when it gave one, else ours.
Message failure_message(const CallDone& done);
// A set-top box asks the server whether it is registered and bound (registering first if needed).
void refresh_device(State& state, std::vector<Effect>& effects);
// A box that has its token but does not know yet that staff bound it asks how it stands (binding a
// box ends its stream, and its household's events say something changed): no restart needed.
void refresh_unbound_box(State& state, std::vector<Effect>& effects);
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
// The next visitor finds nothing of the last one (a kiosk's 结束 or idle reset; session_reducer.cpp).
void end_session(State& state, std::vector<Effect>& effects);
// Milliseconds until the visit's clock has something to do (the warning, its next second, the end),
// or -1 when no visit is watched.
int idle_deadline_ms(const State& state);
// Nobody is using the kiosk: its visit ended and the attract screen waits for the next visitor. The
// web shell lets a new version of the app take over only then (ARCHITECTURE.md, "Web shell").
bool between_visitors(const State& state);

}  // namespace elder
