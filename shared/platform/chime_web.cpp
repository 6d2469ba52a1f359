#include "chime.hpp"

#include <emscripten/emscripten.h>

namespace elder {
namespace {

// Two falling tones through Web Audio; browsers allow sound after the first touch or key, and a
// kiosk's Chromium is started with --autoplay-policy=no-user-gesture-required.
EM_JS(void, web_chime, (), {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    const ctx = Module.chimeContext || (Module.chimeContext = new Context());
    if (ctx.state === 'suspended' && ctx.resume) ctx.resume();
    [[880, 0, 0.25], [659, 0.25, 0.35]].forEach(([hz, at, length]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = hz;
      gain.gain.setValueAtTime(0.0001, ctx.currentTime + at);
      gain.gain.exponentialRampToValueAtTime(0.35, ctx.currentTime + at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + at + length);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + length);
    });
});

}  // namespace

void play_chime() { web_chime(); }

}  // namespace elder
