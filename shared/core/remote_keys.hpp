#pragma once
// The keys of a TV remote, whatever device produced them (remote, keyboard, kiosk keypad).

namespace elder {

enum class RemoteKey {
    Up, Down, Left, Right,
    Ok,
    Back,
    Home,
    PageUp, PageDown,  // channel +/- on most remotes: a page of a long text at a time
    Digit1, Digit2, Digit3, Digit4, Digit5, Digit6, Digit7, Digit8, Digit9,
};

inline int digit_of(RemoteKey key) {
    return key >= RemoteKey::Digit1 && key <= RemoteKey::Digit9
               ? static_cast<int>(key) - static_cast<int>(RemoteKey::Digit1) + 1
               : 0;
}

}  // namespace elder
