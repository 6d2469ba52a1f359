#pragma once
// The reducer: State + Action -> State + Effects. Each action names the slice it belongs to
// (actions.hpp); reduce() hands it to that slice's reducer below, and an answer (CallDone) to the
// reducer its call names (resource_list.hpp).
#include <vector>

#include "actions.hpp"
#include "effects.hpp"
#include "state.hpp"

namespace elder {

// Pure: the same state and action always give the same new state and the same effects
// (appended to `effects`).
State reduce(State state, const Action& action, std::vector<Effect>& effects);

// The slices' reducers (each returns false for an action that is not its own).
bool reduce_navigation(State& state, const Action& action, std::vector<Effect>& effects);  // navigation.cpp
bool reduce_data(DataState& data, const Action& action, std::vector<Effect>& effects);     // data_reducer.cpp
bool reduce_account(State& state, const Action& action, std::vector<Effect>& effects);     // account_reducer.cpp
bool reduce_session(State& state, const Action& action, std::vector<Effect>& effects);     // session_reducer.cpp
bool reduce_booking(State& state, const Action& action, std::vector<Effect>& effects);     // booking_reducer.cpp
bool reduce_help(State& state, const Action& action, std::vector<Effect>& effects);        // help_reducer.cpp
bool reduce_reading(State& state, const Action& action, std::vector<Effect>& effects);     // reading_reducer.cpp
bool reduce_typing(State& state, const Action& action, std::vector<Effect>& effects);      // typing_reducer.cpp
bool reduce_local(State& state, const Action& action, std::vector<Effect>& effects);       // local_reducer.cpp
bool reduce_reach(State& state, const Action& action, std::vector<Effect>& effects);       // reach_reducer.cpp

// Asks the server for today's check-in of whoever acts on this screen now (reach_reducer.cpp).
void ask_check_in(State& state, std::vector<Effect>& effects);
// Queues an alert receipt (shown, or confirmed by 我知道了) for the server (reach_reducer.cpp).
void queue_receipt(State& state, std::int64_t alert_id, bool confirmed, std::vector<Effect>& effects);

// A page that shows `key` opened: its offline copy is read the first time, the server asked (again).
void want_resource(DataState& data, const ResourceKey& key, std::vector<Effect>& effects);

}  // namespace elder
