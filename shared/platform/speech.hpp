#pragma once
// Reading aloud. speak() returns at once; the speech happens elsewhere (a worker thread natively,
// the browser's speech engine on the web) and can be stopped or repeated.
// One implementation per platform: speech_native.cpp (espeak-ng, Mandarin), speech_web.cpp (later).
#include <memory>
#include <string>

namespace elder {

struct SpeechOptions {
    std::string language = "zh-CN";  // zh-CN speaks Mandarin, en English
    int rate_wpm = 150;              // slower than espeak's default 175: older listeners
    int volume = 100;                // 0..200
    std::string wav_path;            // native: write speech to this WAV file instead of the speaker
    std::string log_path;            // native: only record what would be said, one JSON line each (tests)
};

class Speech {
public:
    virtual ~Speech() = default;
    virtual void speak(const std::string& utf8_text) = 0;  // replaces whatever is being said
    virtual void stop() = 0;
    virtual void repeat() = 0;  // says the last text again
    virtual bool speaking() const = 0;    // saying something, or about to
    virtual void configure(int rate_wpm, int volume) = 0;  // for what is said next
};

std::unique_ptr<Speech> make_speech(const SpeechOptions& options);

}  // namespace elder
