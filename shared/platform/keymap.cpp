#include "keymap.hpp"

namespace elder {
namespace {

struct KeyBinding {
    SDL_Keycode sdl;
    RemoteKey key;
};

constexpr KeyBinding kBindings[] = {
    {SDLK_UP, RemoteKey::Up},         {SDLK_DOWN, RemoteKey::Down},
    {SDLK_LEFT, RemoteKey::Left},     {SDLK_RIGHT, RemoteKey::Right},
    {SDLK_RETURN, RemoteKey::Ok},     {SDLK_KP_ENTER, RemoteKey::Ok},
    {SDLK_SELECT, RemoteKey::Ok},     {SDLK_SPACE, RemoteKey::Ok},
    {SDLK_ESCAPE, RemoteKey::Back},   {SDLK_BACKSPACE, RemoteKey::Back},
    {SDLK_AC_BACK, RemoteKey::Back},  {SDLK_HOME, RemoteKey::Home},
    {SDLK_AC_HOME, RemoteKey::Home},
    {SDLK_1, RemoteKey::Digit1},      {SDLK_KP_1, RemoteKey::Digit1},
    {SDLK_2, RemoteKey::Digit2},      {SDLK_KP_2, RemoteKey::Digit2},
    {SDLK_3, RemoteKey::Digit3},      {SDLK_KP_3, RemoteKey::Digit3},
    {SDLK_4, RemoteKey::Digit4},      {SDLK_KP_4, RemoteKey::Digit4},
    {SDLK_5, RemoteKey::Digit5},      {SDLK_KP_5, RemoteKey::Digit5},
    {SDLK_6, RemoteKey::Digit6},      {SDLK_KP_6, RemoteKey::Digit6},
    {SDLK_7, RemoteKey::Digit7},      {SDLK_KP_7, RemoteKey::Digit7},
    {SDLK_8, RemoteKey::Digit8},      {SDLK_KP_8, RemoteKey::Digit8},
    {SDLK_9, RemoteKey::Digit9},      {SDLK_KP_9, RemoteKey::Digit9},
};

}  // namespace

std::optional<RemoteKey> remote_key_for(SDL_Keycode key) {
    for (const KeyBinding& b : kBindings)
        if (b.sdl == key) return b.key;
    return std::nullopt;
}

}  // namespace elder
