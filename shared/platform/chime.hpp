#pragma once
// The severe-alert chime: two falling tones, about half a second, loud enough to turn a head but
// not a siren. One implementation per platform: chime_native.cpp (SDL audio), chime_web.cpp (Web Audio).
namespace elder {

// Returns at once; a box without sound says nothing about it (the interruption is on screen anyway).
void play_chime();

}  // namespace elder
