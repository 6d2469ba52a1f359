// espeak-ng on a worker thread. Synthesis runs in espeak's synchronous mode with a callback, which
// also lets stop() cut it short; samples go to the speaker through espeak's own audio output, or
// to a WAV file (tests, and boxes without audio for diagnosis).
#include <espeak-ng/speak_lib.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "speech.hpp"

namespace elder {
namespace {

void write_wav(const std::string& path, const std::vector<short>& samples, int rate) {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return;
    const unsigned data_bytes = static_cast<unsigned>(samples.size() * 2);
    auto u32 = [&](unsigned v) { std::fwrite(&v, 4, 1, f); };
    auto u16 = [&](unsigned short v) { std::fwrite(&v, 2, 1, f); };
    std::fwrite("RIFF", 1, 4, f);
    u32(36 + data_bytes);
    std::fwrite("WAVEfmt ", 1, 8, f);
    u32(16);
    u16(1);  // PCM
    u16(1);  // mono
    u32(static_cast<unsigned>(rate));
    u32(static_cast<unsigned>(rate * 2));
    u16(2);
    u16(16);
    std::fwrite("data", 1, 4, f);
    u32(data_bytes);
    std::fwrite(samples.data(), 2, samples.size(), f);
    std::fclose(f);
}

// espeak-ng is one engine per process: initialised once, in the output mode the first speaker asks
// for (the app has one), and left running until the process ends.
int espeak_sample_rate(bool to_file) {
    static std::once_flag once;
    static int rate = 0;
    std::call_once(once, [&] {
        rate = espeak_Initialize(to_file ? AUDIO_OUTPUT_SYNCHRONOUS : AUDIO_OUTPUT_SYNCH_PLAYBACK, 0, nullptr, 0);
    });
    return rate;
}

class EspeakSpeech : public Speech {
public:
    explicit EspeakSpeech(SpeechOptions options) : options_(std::move(options)) {
        worker_ = std::thread([this] { run(); });
    }

    ~EspeakSpeech() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            quitting_ = true;
            cancel_ = true;
        }
        wanted_.notify_all();
        worker_.join();
    }

    void speak(const std::string& text) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            last_ = text;
            pending_ = text;
            has_pending_ = true;
            cancel_ = true;  // whatever is being said now stops
        }
        wanted_.notify_all();
    }

    void stop() override {
        std::lock_guard<std::mutex> lock(mutex_);
        has_pending_ = false;
        cancel_ = true;
    }

    void repeat() override {
        std::string again;
        {
            std::lock_guard<std::mutex> lock(mutex_);
            again = last_;
        }
        if (!again.empty()) speak(again);
    }

    bool speaking() const override {
        std::lock_guard<std::mutex> lock(mutex_);
        return has_pending_ || speaking_;
    }

    void configure(int rate_wpm, int volume) override {
        rate_wpm_ = rate_wpm;
        volume_ = volume;
    }

private:
    static int on_samples(short* wav, int count, espeak_EVENT* events) {
        auto* self = static_cast<EspeakSpeech*>(events->user_data);
        if (self->cancel_) return 1;  // stop synthesis
        if (wav && count > 0) self->samples_.insert(self->samples_.end(), wav, wav + count);
        return 0;
    }

    void run() {
        const bool to_file = !options_.wav_path.empty();
        const int rate = espeak_sample_rate(to_file);
        if (rate <= 0) return;  // no voice data: speech stays silent, the app goes on
        espeak_SetSynthCallback(on_samples);
        espeak_SetVoiceByName(options_.language == "en" ? "en" : "cmn");
        for (;;) {
            std::string text;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wanted_.wait(lock, [this] { return quitting_ || has_pending_; });
                if (quitting_) break;
                text = pending_;
                has_pending_ = false;
                speaking_ = true;  // with the pending text taken, so that speaking() is never false between
                cancel_ = false;
            }
            espeak_SetParameter(espeakRATE, rate_wpm_, 0);
            espeak_SetParameter(espeakVOLUME, volume_, 0);
            samples_.clear();
            espeak_Synth(text.c_str(), text.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, nullptr, this);
            espeak_Synchronize();
            if (to_file && !cancel_) write_wav(options_.wav_path, samples_, rate);
            speaking_ = false;  // only once the words are out, in the file too
        }
    }

    SpeechOptions options_;
    std::atomic<int> rate_wpm_{options_.rate_wpm}, volume_{options_.volume};
    mutable std::mutex mutex_;
    std::condition_variable wanted_;
    std::string pending_, last_;
    bool has_pending_ = false, quitting_ = false;
    std::atomic<bool> cancel_{false}, speaking_{false};
    std::vector<short> samples_;
    std::thread worker_;
};

// Records what would be said instead of saying it (tests): one JSON object per line, at once.
class RecordingSpeech : public Speech {
public:
    explicit RecordingSpeech(SpeechOptions options) : options_(std::move(options)) {}
    void speak(const std::string& text) override {
        last_ = text;
        if (std::FILE* f = std::fopen(options_.log_path.c_str(), "a")) {
            const std::string line = nlohmann::json{{"text", text}, {"rate", options_.rate_wpm}, {"volume", options_.volume}}.dump();
            std::fprintf(f, "%s\n", line.c_str());
            std::fclose(f);
        }
    }
    void stop() override {}
    void repeat() override {
        if (!last_.empty()) speak(last_);
    }
    bool speaking() const override { return false; }
    void configure(int rate_wpm, int volume) override {
        options_.rate_wpm = rate_wpm;
        options_.volume = volume;
    }

private:
    SpeechOptions options_;
    std::string last_;
};

}  // namespace

std::unique_ptr<Speech> make_speech(const SpeechOptions& options) {
    if (!options.log_path.empty()) return std::make_unique<RecordingSpeech>(options);
    return std::make_unique<EspeakSpeech>(options);
}

}  // namespace elder
