#include "reducer.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "codecs.hpp"
#include "form.hpp"
#include "overloaded.hpp"
#include "personal_reducer.hpp"
#include "settings.hpp"

namespace elder {
namespace {

void open(State& state, const Route& target, std::vector<Effect>& effects) {
    if (target == state.route) return;
    state.back_stack.push_back(state.route);
    state.route = route_opened(state, target, effects);
    if (target.screen == Screen::PolicyDetail) {
        const std::int64_t id = std::atoll(target.arg.c_str());
        reduce_data(state.data, FetchPolicy{id}, effects);
        if (state.read_policies.insert(id).second)
            effects.push_back(WriteCache{"read.policies", encode_ids(state.read_policies)});
    }
}

void change_settings(State& state, const Settings& next, std::vector<Effect>& effects) {
    if (next == state.settings) return;
    state.settings = next;
    effects.push_back(WriteCache{"settings", encode_settings(next)});
}

void set_field_text(State& state, const std::string& text) {
    if (state.editing == "keyword") {
        state.keyword = fit_field("keyword", text);  // its length rule is a field rule like the others
    } else if (!state.editing.empty()) {
        elder::set_field_text(state.personal.form, state.editing, text);
    }
}

void acknowledge(State& state, std::int64_t id, std::vector<Effect>& effects) {
    // Kept on the device, so that a restart does not interrupt again for the same alert.
    if (state.acked_alerts.insert(id).second) effects.push_back(WriteCache{"ack.alerts", encode_ids(state.acked_alerts)});
    // The server records who saw it: the signed-in resident, else this box (bound or not).
    const std::string& token = state.personal.token.empty() ? state.device.token : state.personal.token;
    if (!token.empty())
        effects.push_back(HttpSend{Call::AckAlert, "POST", "/api/v1/alerts/" + std::to_string(id) + "/ack", "", token});
}

void read_stored(State& state, const StoredRead& a) {
    if (!a.text) return;
    if (a.key == "settings") apply_stored_settings(*a.text, state.settings);
    else if (a.key == "read.policies") state.read_policies = decode_ids(*a.text);
    else if (a.key == "ack.alerts") state.acked_alerts = decode_ids(*a.text);
}

// The next visitor finds nothing of the last one: no token, no form, no lists, no search, no
// remembered places; the kiosk shows its attract screen.
void end_session(State& state, std::vector<Effect>& effects) {
    revoke_sign_in(state, effects);  // a token copied off this screen must not outlive the visit
    forget_person(state, effects);
    state.back_stack.clear();
    state.focus.clear();
    state.scroll.clear();
    state.search_query.clear();
    state.keyword.clear();
    state.route = {Screen::Attract, ""};
    effects.push_back(Print{});  // the last ticket printed leaves the page too
}

void started(const State& state, std::vector<Effect>& effects) {
    effects.push_back(ReadStored{"settings"});
    effects.push_back(ReadStored{"read.policies"});
    effects.push_back(ReadStored{"ack.alerts"});
    if (state.surface == Surface::Browser) effects.push_back(ReadStored{"account"});  // kiosks forget their visitors
    if (!state.device.serial.empty()) effects.push_back(ReadStored{"device"});
}

}  // namespace

Message failure_message(const CallDone& done) {
    if (done.status == 0) return {"call.offline", ""};
    Problem problem;
    std::string error;
    if (decode_text(done.body, problem, error) && !problem.detail.empty()) return {"", problem.detail};
    return {"call.server_error", ""};
}

void replace_route(State& state, const Route& to, std::initializer_list<Screen> screens) {
    auto& stack = state.back_stack;
    while (!stack.empty() && std::find(screens.begin(), screens.end(), stack.back().screen) != screens.end()) stack.pop_back();
    state.route = to;
}

std::string acting_token(const State& state) {
    if (!state.personal.token.empty()) return state.personal.token;
    return state.device.bound ? state.device.token : "";
}

const Alert* interrupting_alert(const State& state) {
    for (const Alert& a : state.data.alerts.value) {
        if (!a.active || a.infos.empty() || state.acked_alerts.count(a.id)) continue;
        const std::string& severity = a.infos.front().severity;
        if (severity == "Extreme" || severity == "Severe") return &a;
    }
    return nullptr;
}

namespace {

State reduce_action(State state, const Action& action, std::vector<Effect>& effects);

std::int64_t interrupting_id(const State& s) {
    const Alert* a = interrupting_alert(s);
    return a ? a->id : 0;
}

}  // namespace

State reduce(State state, const Action& action, std::vector<Effect>& effects) {
    const std::int64_t before = interrupting_id(state);
    State next = reduce_action(std::move(state), action, effects);
    // A severe alert that starts interrupting (arrived, or updated with a new id) chimes once.
    const std::int64_t after = interrupting_id(next);
    if (after != 0 && after != before && next.settings.chime) effects.push_back(Chime{});
    return next;
}

namespace {

State reduce_action(State state, const Action& action, std::vector<Effect>& effects) {
    if (std::holds_alternative<AppStarted>(action)) started(state, effects);
    // Staff closed a slot: whoever was booked in it learns it now (我的预约 and the ticket say why),
    // not when they next open the page.
    if (const auto* e = std::get_if<StreamEvent>(&action); e && e->event == "changed" &&
        e->data.find("\"slots\"") != std::string::npos && !state.personal.appointments.empty())
        fetch_appointments(state, effects);
    if (reduce_data(state.data, action, effects)) return state;
    if (reduce_account(state, action, effects) || reduce_booking(state, action, effects) || reduce_help(state, action, effects) ||
        reduce_reading(state, action, effects))
        return state;
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
            [&](const ReadAloud& a) { effects.push_back(speak_words(state, a.text)); },
            [&](const EndSession&) { end_session(state, effects); },
            [&](const PrintTicket& a) { effects.push_back(Print{a.printout}); },
            [&](const ReloadPage&) { state.route = route_opened(state, state.route, effects); },
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
            [&](const EditField& a) {
                state.editing = a.field;
                if (a.field != "keyword") state.personal.form.active = a.field;
            },
            [&](const SetFieldText& a) { set_field_text(state, a.text); },
            [&](const EndEditing&) { state.editing.clear(); },
            [&](const FocusField& a) { state.personal.form.active = a.field; },
            [&](const KeypadPress& a) { press_key(state.personal.form, a.key); },
            [&](const SetToday& a) {
                state.today = a.date;
                if (state.route.screen == Screen::BookDate) state.route = route_opened(state, state.route, effects);
            },
            [&](const AcknowledgeAlert& a) { acknowledge(state, a.id, effects); },
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
            [&](const SetChime& a) {
                settings.chime = a.on;
                change_settings(state, settings, effects);
            },
            [&](const SetSpeechRate& a) {
                settings.speech_rate = std::clamp(a.rate, 0, 2);
                change_settings(state, settings, effects);
            },
            [&](const SetSpeechVolume& a) {
                settings.speech_volume = std::clamp(a.volume, 0, 2);
                change_settings(state, settings, effects);
            },
            [&](const StoredRead& a) { read_stored(state, a); },
            [&](const auto&) {},
        },
        action);
    if (state.route != before) {
        state.editing.clear();  // leaving the page closes the input
        if (state.reading.active()) {  // and ends its reading
            state.reading = Reading{};
            effects.push_back(StopSpeaking{});
        }
    }
    return state;
}

}  // namespace

}  // namespace elder
