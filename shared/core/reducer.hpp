#pragma once
#include <vector>

#include "actions.hpp"
#include "effects.hpp"
#include "state.hpp"

namespace elder {

// Pure: the same state and action always give the same new state and the same effects
// (appended to `effects`).
State reduce(State state, const Action& action, std::vector<Effect>& effects);

// The data half of it (data_reducer.cpp); returns false for actions that are not about data.
bool reduce_data(DataState& data, const Action& action, std::vector<Effect>& effects);

}  // namespace elder
