#include "remote_keys.hpp"

#include <nlohmann/json.hpp>

namespace elder {

std::optional<RemoteKey> parse_remote_key(std::string_view name) {
    static const std::map<std::string_view, RemoteKey> names{
        {"up", RemoteKey::Up},         {"down", RemoteKey::Down},   {"left", RemoteKey::Left},
        {"right", RemoteKey::Right},   {"ok", RemoteKey::Ok},       {"back", RemoteKey::Back},
        {"home", RemoteKey::Home},     {"page_up", RemoteKey::PageUp}, {"page_down", RemoteKey::PageDown},
        {"next", RemoteKey::Next},     {"previous", RemoteKey::Previous},
        {"1", RemoteKey::Digit1},      {"2", RemoteKey::Digit2},    {"3", RemoteKey::Digit3},
        {"4", RemoteKey::Digit4},      {"5", RemoteKey::Digit5},    {"6", RemoteKey::Digit6},
        {"7", RemoteKey::Digit7},      {"8", RemoteKey::Digit8},    {"9", RemoteKey::Digit9},
        {"0", RemoteKey::Digit0},
    };
    const auto it = names.find(name);
    if (it == names.end()) return std::nullopt;
    return it->second;
}

bool parse_keymap(std::string_view text, std::map<std::string, RemoteKey>& out, std::string& error) {
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (!j.is_object()) return error = "the keymap is not a JSON object", false;
    const auto keys = j.find("keys");
    if (keys == j.end() || !keys->is_object() || keys->empty()) return error = "the keymap has no \"keys\" object", false;
    std::map<std::string, RemoteKey> map;
    for (const auto& [device_key, function] : keys->items()) {
        if (!function.is_string()) return error = "key \"" + device_key + "\" must name a remote function", false;
        const auto key = parse_remote_key(function.get<std::string>());
        if (!key) return error = "key \"" + device_key + "\": unknown remote function \"" + function.get<std::string>() + "\"", false;
        map[device_key] = *key;
    }
    // A remote without these cannot be used at all (ACCESSIBILITY.md: arrows, OK, Back suffice).
    for (RemoteKey needed : {RemoteKey::Up, RemoteKey::Down, RemoteKey::Left, RemoteKey::Right, RemoteKey::Ok, RemoteKey::Back}) {
        bool found = false;
        for (const auto& entry : map) found = found || entry.second == needed;
        if (!found) return error = "the keymap leaves out one of up, down, left, right, ok, back", false;
    }
    out = std::move(map);
    return true;
}

}  // namespace elder
