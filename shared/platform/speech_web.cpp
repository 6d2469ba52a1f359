// The browser's speechSynthesis, with a voice for the wanted language where the system has one
// (otherwise the browser's default voice reads the text as best it can).
#include <emscripten/emscripten.h>

#include <algorithm>

#include "speech.hpp"

namespace elder {
namespace {

EM_JS(void, web_speak, (const char* text, const char* lang, double rate, double volume), {
    if (!('speechSynthesis' in window)) return;
    const synth = window.speechSynthesis;
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(UTF8ToString(text));
    const want = UTF8ToString(lang);
    const voices = synth.getVoices();
    const voice = voices.find((v) => v.lang === want) ||
                  voices.find((v) => v.lang.replace('_', '-').split('-')[0] === want.split('-')[0]);
    utterance.lang = want;
    if (voice) utterance.voice = voice;
    utterance.rate = rate;
    utterance.volume = volume;
    synth.speak(utterance);
});

EM_JS(void, web_speech_stop, (), {
    if ('speechSynthesis' in window) window.speechSynthesis.cancel();
});

EM_JS(int, web_speech_speaking, (), {
    return 'speechSynthesis' in window && (window.speechSynthesis.speaking || window.speechSynthesis.pending) ? 1 : 0;
});

class WebSpeech : public Speech {
public:
    explicit WebSpeech(SpeechOptions options) : options_(std::move(options)) {}

    void speak(const std::string& text) override {
        last_ = text;
        // espeak's words per minute onto the browser's rate, where 1 is its normal speed (~175 wpm).
        const double rate = std::clamp(options_.rate_wpm / 175.0, 0.5, 2.0);
        const double volume = std::clamp(options_.volume / 100.0, 0.0, 1.0);
        const char* lang = options_.language == "en" ? "en-US" : "zh-CN";
        web_speak(text.c_str(), lang, rate, volume);
    }
    void stop() override { web_speech_stop(); }
    void repeat() override {
        if (!last_.empty()) speak(last_);
    }
    bool speaking() const override { return web_speech_speaking() != 0; }
    void configure(int rate_wpm, int volume) override {
        options_.rate_wpm = rate_wpm;
        options_.volume = volume;
    }

private:
    SpeechOptions options_;
    std::string last_;
};

}  // namespace

std::unique_ptr<Speech> make_speech(const SpeechOptions& options) { return std::make_unique<WebSpeech>(options); }

}  // namespace elder
