#pragma once
// Which SDL key means which remote key, loaded from a keymap file (assets/keymaps/*.json) so that
// a box vendor's remote is mapped without changing code.
#include <optional>
#include <string>
#include <unordered_map>

#include <SDL.h>

#include "core/remote_keys.hpp"

namespace elder {

class Keymap {
public:
    // Reads and checks `path`; key names are SDL's (SDL_GetKeyName). False with a sentence in `error`.
    bool load(const std::string& path, std::string& error);
    std::optional<RemoteKey> remote_key_for(SDL_Keycode key) const;

private:
    std::unordered_map<SDL_Keycode, RemoteKey> keys_;
};

}  // namespace elder
