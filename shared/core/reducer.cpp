#include "reducer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "overloaded.hpp"
#include "settings.hpp"

namespace elder {
namespace {

void open(State& state, const Route& target, std::vector<Effect>& effects) {
    if (target == state.route) return;
    state.back_stack.push_back(state.route);
    state.route = target;
    if (target.screen == Screen::PolicyDetail) {
        const std::int64_t id = std::atoll(target.arg.c_str());
        reduce_data(state.data, FetchPolicy{id}, effects);
        if (state.read_policies.insert(id).second)
            effects.push_back(WriteCache{"read.policies", encode_ids(state.read_policies)});
    }
}

// At most `max` bytes, never cutting a character in half.
std::string truncate_utf8(const std::string& s, size_t max) {
    if (s.size() <= max) return s;
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;  // back to a character start
    return s.substr(0, end);
}

void change_settings(State& state, const Settings& next, std::vector<Effect>& effects) {
    if (next == state.settings) return;
    state.settings = next;
    effects.push_back(WriteCache{"settings", encode_settings(next)});
}

}  // namespace

const Alert* interrupting_alert(const State& state) {
    for (const Alert& a : state.data.alerts.value) {
        if (!a.active || a.infos.empty() || state.acked_alerts.count(a.id)) continue;
        const std::string& severity = a.infos.front().severity;
        if (severity == "Extreme" || severity == "Severe") return &a;
    }
    return nullptr;
}

State reduce(State state, const Action& action, std::vector<Effect>& effects) {
    if (std::holds_alternative<AppStarted>(action)) {
        effects.push_back(ReadStored{"settings"});
        effects.push_back(ReadStored{"read.policies"});
        effects.push_back(ReadStored{"ack.alerts"});
    }
    if (reduce_data(state.data, action, effects)) return state;
    Settings settings = state.settings;
    const Route before = state.route;
    std::visit(
        Overloaded{
            [&](const OpenScreen& a) { open(state, {a.screen, a.arg}, effects); },
            [&](const OpenTileNumber& a) {
                const auto& tiles = home_tiles();
                if (a.number < 1 || a.number > static_cast<int>(tiles.size())) return;
                state.focus[Route{}.key()] = a.number - 1;
                state.back_stack.clear();  // a number key is a shortcut from anywhere: home, then the tile
                state.route = Route{};
                open(state, {tiles[a.number - 1].screen, ""}, effects);
            },
            [&](const FocusItem& a) {
                if (a.index >= 0) state.focus[state.route.key()] = a.index;
            },
            [&](const ScrollTo& a) { state.scroll[state.route.key()] = std::max(0.0f, a.offset); },
            [&](const GoBack&) {
                if (state.back_stack.empty()) return;  // Back on home stays home
                state.route = state.back_stack.back();
                state.back_stack.pop_back();
            },
            [&](const ReadAloud& a) { effects.push_back(Speak{a.text}); },
            [&](const SearchType& a) {
                const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(a.letter)));
                constexpr size_t kMaxLetters = 12;  // longer than any title's run of initials worth typing
                if (std::isalnum(static_cast<unsigned char>(c)) && state.search_query.size() < kMaxLetters)
                    state.search_query += c;
            },
            [&](const SearchErase&) {
                if (!state.search_query.empty()) state.search_query.pop_back();
            },
            [&](const SearchClear&) {
                state.search_query.clear();
                state.keyword.clear();
            },
            [&](const EditKeyword&) { state.editing_keyword = true; },
            [&](const SetKeyword& a) {
                constexpr size_t kMaxBytes = 120;  // about 40 Chinese characters: a keyword, not an essay
                state.keyword = truncate_utf8(a.text, kMaxBytes);
            },
            [&](const EndEditing&) { state.editing_keyword = false; },
            [&](const AcknowledgeAlert& a) {
                // Kept on the device, so that a restart does not interrupt again for the same alert.
                if (state.acked_alerts.insert(a.id).second)
                    effects.push_back(WriteCache{"ack.alerts", encode_ids(state.acked_alerts)});
            },
            [&](const GoHome&) {
                state.back_stack.clear();
                state.route = Route{};
            },
            [&](const SetTextSize& a) {
                settings.text_size = std::clamp(a.size, 0, kTextSizes - 1);
                change_settings(state, settings, effects);
            },
            [&](const SetHighContrast& a) {
                settings.high_contrast = a.on;
                change_settings(state, settings, effects);
            },
            [&](const SetLanguage& a) {
                if (a.language != "zh-CN" && a.language != "en") return;
                settings.language = a.language;
                change_settings(state, settings, effects);
            },
            [&](const SetVoice& a) {
                settings.voice = a.on;
                change_settings(state, settings, effects);
            },
            [&](const StoredRead& a) {
                if (!a.text) return;
                if (a.key == "settings") apply_stored_settings(*a.text, state.settings);
                else if (a.key == "read.policies") state.read_policies = decode_ids(*a.text);
                else if (a.key == "ack.alerts") state.acked_alerts = decode_ids(*a.text);
            },
            [&](const auto&) {},
        },
        action);
    if (state.route != before) state.editing_keyword = false;  // leaving the page closes the input
    return state;
}

}  // namespace elder
