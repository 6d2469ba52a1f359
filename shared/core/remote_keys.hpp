#pragma once
// The keys of a TV remote, whatever device produced them (remote, keyboard, kiosk keypad), and
// keymaps: which device key means which remote key, as data (assets/keymaps/*.json).
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace elder {

enum class RemoteKey {
    Up, Down, Left, Right,
    Ok,
    Back,
    Home,
    PageUp, PageDown,  // channel +/- on most remotes: a page of a long text at a time
    Next, Previous,    // Tab and Shift+Tab on keyboards: the next item in reading order
    Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
    Digit0,            // only types (a phone number on the keypad); opens no tile
};

inline int digit_of(RemoteKey key) {
    return key >= RemoteKey::Digit1 && key <= RemoteKey::Digit9
               ? static_cast<int>(key) - static_cast<int>(RemoteKey::Digit1) + 1
               : 0;
}

// '0'..'9' for the digit keys, 0 for the others: what the keys type into a keypad field.
inline char digit_char(RemoteKey key) {
    if (key == RemoteKey::Digit0) return '0';
    const int d = digit_of(key);
    return d ? static_cast<char>('0' + d) : 0;
}

// "up", "ok", "page_down", "1" ... as written in keymap files.
std::optional<RemoteKey> parse_remote_key(std::string_view name);

// Parses a keymap file ({"keys": {"<device key name>": "<remote key>", ...}}) into device key name
// -> remote key. Returns false with a sentence in `error` naming the first bad entry.
bool parse_keymap(std::string_view json_text, std::map<std::string, RemoteKey>& out, std::string& error);

}  // namespace elder
