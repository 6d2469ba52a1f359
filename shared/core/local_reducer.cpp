// What this device keeps of its resident: the settings, which policies were read (no 新 marker),
// which severe alerts were confirmed (我知道了). Read back at start; written when they change.
#include <algorithm>

#include "codecs.hpp"
#include "overloaded.hpp"
#include "reducer.hpp"
#include "settings.hpp"

namespace elder {
namespace {

void change_settings(State& state, const Settings& next, std::vector<Effect>& effects) {
    if (next == state.settings) return;
    state.settings = next;
    effects.push_back(WriteCache{"settings", encode_settings(next)});
}

void acknowledge(State& state, std::int64_t id, std::vector<Effect>& effects) {
    // Kept on the device, so that a restart does not interrupt again for the same alert.
    if (!state.acked_alerts.insert(id).second) return;
    effects.push_back(WriteCache{"ack.alerts", encode_ids(state.acked_alerts)});
    // The server records who confirmed it: the signed-in resident, else this box (bound or not).
    queue_receipt(state, id, true, effects);
}

void started(const State& state, std::vector<Effect>& effects) {
    effects.push_back(ReadStored{"settings"});
    effects.push_back(ReadStored{"read.policies"});
    effects.push_back(ReadStored{"ack.alerts"});
    effects.push_back(ReadStored{"receipts"});
    if (state.can.keeps_account) effects.push_back(ReadStored{"account"});
    if (!state.device.serial.empty()) effects.push_back(ReadStored{"device"});
}

void read_stored(State& state, const StoredRead& a, std::vector<Effect>& effects) {
    if (a.key == "account" || a.key == "device") {  // the person and the box: the account's slice
        reduce_account(state, a, effects);
        return;
    }
    if (a.key == "receipts") {  // the alert receipts not yet sent: the reach slice's
        reduce_reach(state, a, effects);
        return;
    }
    if (!a.text) return;
    if (a.key == "settings") apply_stored_settings(*a.text, state.settings);
    else if (a.key == "read.policies") state.read_policies = decode_ids(*a.text);
    else if (a.key == "ack.alerts") state.acked_alerts = decode_ids(*a.text);
}

}  // namespace

bool reduce_local(State& state, const Action& action, std::vector<Effect>& effects) {
    Settings next = state.settings;
    const auto set = [&](auto change) {
        change(next);
        change_settings(state, next, effects);
        return true;
    };
    return std::visit(
        Overloaded{
            [&](const AppStarted&) { return started(state, effects), true; },
            [&](const StoredRead& a) { return read_stored(state, a, effects), true; },
            [&](const AcknowledgeAlert& a) { return acknowledge(state, a.id, effects), true; },
            [&](const SetTextSize& a) { return set([&](Settings& s) { s.text_size = std::clamp(a.size, 0, kTextSizes - 1); }); },
            [&](const SetHighContrast& a) { return set([&](Settings& s) { s.high_contrast = a.on; }); },
            [&](const SetLanguage& a) {
                if (a.language != "zh-CN" && a.language != "en") return true;
                return set([&](Settings& s) { s.language = a.language; });
            },
            [&](const SetVoice& a) { return set([&](Settings& s) { s.voice = a.on; }); },
            [&](const SetChime& a) { return set([&](Settings& s) { s.chime = a.on; }); },
            [&](const SetSpeechRate& a) { return set([&](Settings& s) { s.speech_rate = std::clamp(a.rate, 0, 2); }); },
            [&](const SetSpeechVolume& a) { return set([&](Settings& s) { s.speech_volume = std::clamp(a.volume, 0, 2); }); },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
