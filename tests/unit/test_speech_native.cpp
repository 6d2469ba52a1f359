// Native speech: espeak-ng speaks Mandarin into a WAV file; the file holds sound, not silence, and
// stop() cuts a long text short.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <cstring>
#include <fstream>
#include <thread>
#include <vector>

#include "platform/speech.hpp"

using namespace elder;

namespace {

std::vector<short> read_wav_samples(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (bytes.size() <= 44) return {};
    std::vector<short> samples((bytes.size() - 44) / 2);
    std::memcpy(samples.data(), bytes.data() + 44, samples.size() * 2);
    return samples;
}

bool wait_until_quiet(Speech& s) {
    for (int i = 0; i < 1000; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        if (!s.speaking()) return true;
    }
    return false;
}

}  // namespace

TEST_CASE("espeak-ng speaks Mandarin into a WAV file that is not silence") {
    const std::string path = "/tmp/elder-speech-test.wav";
    std::remove(path.c_str());
    {
        auto speech = make_speech({"zh-CN", 150, 100, path});
        speech->speak("您好，这是社区服务。");
        REQUIRE(wait_until_quiet(*speech));
    }
    const auto samples = read_wav_samples(path);
    REQUIRE(samples.size() > 22050 / 2);  // more than half a second of sound
    double energy = 0;
    for (short s : samples) energy += double(s) * s;
    const double rms = std::sqrt(energy / samples.size());
    INFO("rms " << rms << " over " << samples.size() << " samples");
    CHECK(rms > 300);  // digital silence is 0; speech is in the thousands
}

TEST_CASE("stop cuts speech short and repeat says it again") {
    const std::string path = "/tmp/elder-speech-stop.wav";
    std::remove(path.c_str());
    auto speech = make_speech({"zh-CN", 150, 100, path});
    std::string long_text;
    for (int i = 0; i < 50; ++i) long_text += "这是一段很长的政策内容，用来测试停止朗读。";
    speech->speak(long_text);
    std::this_thread::sleep_for(std::chrono::milliseconds(100));  // stopped in the middle: what is tested
    speech->stop();
    REQUIRE(wait_until_quiet(*speech));
    CHECK(read_wav_samples(path).empty());  // a stopped utterance is not written out
    speech->speak("短句。");
    REQUIRE(wait_until_quiet(*speech));
    const size_t first = read_wav_samples(path).size();
    CHECK(first > 0);
    std::remove(path.c_str());
    speech->repeat();
    REQUIRE(wait_until_quiet(*speech));
    // The same words again: espeak's output length varies by a few samples between runs.
    const double again = static_cast<double>(read_wav_samples(path).size());
    CHECK(std::fabs(again - static_cast<double>(first)) < 0.01 * static_cast<double>(first));
}
