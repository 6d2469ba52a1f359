// 朗读: reading a page aloud sentence by sentence, pausable, stoppable and repeatable. The speech
// service says one sentence at a time and answers SpeechDone; leaving the page stops the reading.
#include "overloaded.hpp"
#include "personal_reducer.hpp"
#include "settings.hpp"

namespace elder {
namespace {

void say_current(State& state, std::vector<Effect>& effects) {
    const Reading& r = state.reading;
    if (r.index >= static_cast<int>(r.sentences.size())) return;
    effects.push_back(Speak{r.sentences[r.index], speech_rate_wpm(state.settings.speech_rate),
                            speech_volume_level(state.settings.speech_volume), true});
}

void next_sentence(State& state, std::vector<Effect>& effects) {
    Reading& r = state.reading;
    if (!r.playing) return;  // a sentence cut short by 暂停 or 停止 also ends with SpeechDone
    if (++r.index >= static_cast<int>(r.sentences.size())) {
        r.playing = false;  // 读完了: the bar offers 从头读
        return;
    }
    say_current(state, effects);
}

}  // namespace

Speak speak_words(const State& state, const std::string& text) {
    return Speak{text, speech_rate_wpm(state.settings.speech_rate), speech_volume_level(state.settings.speech_volume), false};
}

bool reduce_reading(State& state, const Action& action, std::vector<Effect>& effects) {
    Reading& r = state.reading;
    return std::visit(
        Overloaded{
            [&](const ReadPage& a) {
                if (a.sentences.empty()) return true;
                r = Reading{a.sentences, 0, true};
                say_current(state, effects);
                return true;
            },
            [&](const PauseReading&) {
                if (!r.playing) return true;
                r.playing = false;
                effects.push_back(StopSpeaking{});
                return true;
            },
            [&](const ResumeReading&) {
                if (!r.active() || r.playing || r.index >= static_cast<int>(r.sentences.size())) return true;
                r.playing = true;
                say_current(state, effects);  // the interrupted sentence again, from its start
                return true;
            },
            [&](const RestartReading&) {
                if (!r.active()) return true;
                r.index = 0;
                r.playing = true;
                say_current(state, effects);
                return true;
            },
            [&](const StopReading&) {
                if (r.active()) effects.push_back(StopSpeaking{});
                r = Reading{};
                return true;
            },
            [&](const SpeechDone&) { return next_sentence(state, effects), true; },
            [&](const ReadAloud& a) { return effects.push_back(speak_words(state, a.text)), true; },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
