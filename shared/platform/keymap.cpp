#include "keymap.hpp"

#include "read_file.hpp"

namespace elder {

bool Keymap::load(const std::string& path, std::string& error) {
    const auto text = read_file(path);
    if (!text) return error = "cannot read the keymap " + path, false;
    std::map<std::string, RemoteKey> named;
    if (!parse_keymap(*text, named, error)) return error = path + ": " + error, false;
    std::unordered_map<SDL_Keycode, RemoteKey> keys;
    for (const auto& [name, key] : named) {
        const SDL_Keycode code = SDL_GetKeyFromName(name.c_str());
        if (code == SDLK_UNKNOWN) return error = path + ": \"" + name + "\" is not an SDL key name", false;
        keys[code] = key;
    }
    keys_ = std::move(keys);
    return true;
}

std::optional<RemoteKey> Keymap::remote_key_for(SDL_Keycode key) const {
    const auto it = keys_.find(key);
    if (it == keys_.end()) return std::nullopt;
    return it->second;
}

}  // namespace elder
