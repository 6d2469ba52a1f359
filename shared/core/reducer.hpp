#pragma once
#include "actions.hpp"
#include "state.hpp"

namespace elder {

// Pure: the same state and action always give the same new state.
State reduce(State state, const Action& action);

}  // namespace elder
