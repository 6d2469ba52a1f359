#pragma once
// Everything that can happen to the state. Input (remote, touch, mouse) becomes one of these.
#include <variant>

#include "screens.hpp"

namespace elder {

struct OpenScreen { Screen screen; };      // a tile was activated
struct OpenTileNumber { int number; };     // number key 1..8 on the remote
struct FocusItem { int index; };           // focus moved to item `index` of the current screen
struct GoBack {};
struct GoHome {};

using Action = std::variant<OpenScreen, OpenTileNumber, FocusItem, GoBack, GoHome>;

}  // namespace elder
