#pragma once
// The whole UI state. Screens are drawn from it; only the reducer changes it.
#include <array>
#include <vector>

#include "data_state.hpp"
#include "screens.hpp"

namespace elder {

struct State {
    Screen screen = Screen::Home;
    std::vector<Screen> back_stack;           // screens that Back returns to, innermost last
    std::array<int, kScreenCount> focus{};    // focused item per screen, remembered when leaving it
    DataState data;
    int focused() const { return focus[static_cast<int>(screen)]; }
};

}  // namespace elder
