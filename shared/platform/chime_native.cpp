#include "chime.hpp"

#include <SDL.h>

#include <cmath>
#include <cstdint>
#include <vector>

namespace elder {
namespace {

constexpr int kRate = 22050;

// A tone with a soft start and end (no clicks), appended to `out`.
void tone(std::vector<std::int16_t>& out, double hz, double seconds) {
    const int n = static_cast<int>(kRate * seconds);
    const int fade = kRate / 50;  // 20 ms
    for (int i = 0; i < n; ++i) {
        const double envelope = std::fmin(1.0, std::fmin(i, n - i) / static_cast<double>(fade));
        out.push_back(static_cast<std::int16_t>(12000 * envelope * std::sin(2 * M_PI * hz * i / kRate)));
    }
}

}  // namespace

void play_chime() {
    static SDL_AudioDeviceID device = 0;
    if (!device) {
        if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
            SDL_Log("no sound for the alert chime: %s", SDL_GetError());
            return;
        }
        SDL_AudioSpec want{};
        want.freq = kRate;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 1024;
        device = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
        if (!device) {
            SDL_Log("no sound for the alert chime: %s", SDL_GetError());
            return;
        }
    }
    std::vector<std::int16_t> samples;
    tone(samples, 880, 0.25);  // A5, then E5: a falling "ding-dong"
    tone(samples, 659, 0.35);
    SDL_QueueAudio(device, samples.data(), static_cast<Uint32>(samples.size() * sizeof(std::int16_t)));
    SDL_PauseAudioDevice(device, 0);
}

}  // namespace elder
