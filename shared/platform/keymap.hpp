#pragma once
// Which SDL key means which remote key. Set-top-box remotes arrive as ordinary key events;
// vendors whose remotes send other codes extend this table.
#include <optional>

#include <SDL.h>

#include "core/remote_keys.hpp"

namespace elder {

std::optional<RemoteKey> remote_key_for(SDL_Keycode key);

}  // namespace elder
