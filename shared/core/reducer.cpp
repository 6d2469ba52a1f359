// The reducer: every action goes to the one slice reducer it names (actions.hpp: `slice`), an
// answer to the reducer its call names (resource_list.hpp). What else happens here is said here.
#include "reducer.hpp"

#include "codecs.hpp"
#include "personal_reducer.hpp"

namespace elder {

Message failure_message(const CallDone& done) {
    if (done.status == 0) return {"call.offline", ""};
    Problem problem;
    std::string error;
    if (decode_text(done.body, problem, error) && !problem.detail.empty()) return {"", problem.detail};
    return {"call.server_error", ""};
}

std::string acting_token(const State& state) {
    if (!state.personal.token.empty()) return state.personal.token;
    return state.device.bound ? state.device.token : "";
}

// Whom the alert stream speaks for: the signed-in resident, else a box that acts for a household
// (bound or not yet). The server then adds that household's own events (confirmed elsewhere,
// 报平安) and caps a box's streams per device rather than per address. Nobody: an anonymous stream.
std::string stream_token(const State& state) {
    if (!state.personal.token.empty()) return state.personal.token;
    return state.can.acts_for_household ? state.device.token : "";
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

void route(State& state, const Action& action, std::vector<Effect>& effects) {
    Slice slice = std::visit([](const auto& a) { return std::decay_t<decltype(a)>::slice; }, action);
    if (slice == Slice::Answer) slice = call_owner(std::get<CallDone>(action).call);
    switch (slice) {
        case Slice::Navigation: reduce_navigation(state, action, effects); break;
        case Slice::Reading: reduce_reading(state, action, effects); break;
        case Slice::Typing: reduce_typing(state, action, effects); break;
        case Slice::Account: reduce_account(state, action, effects); break;
        case Slice::Booking: reduce_booking(state, action, effects); break;
        case Slice::Help: reduce_help(state, action, effects); break;
        case Slice::Session: reduce_session(state, action, effects); break;
        case Slice::Local: reduce_local(state, action, effects); break;
        case Slice::Reach: reduce_reach(state, action, effects); break;
        case Slice::Data: reduce_data(state.data, action, effects); break;
        case Slice::Answer: break;  // never: an answer takes its call's slice above
    }
}

// The few actions that matter to a second slice.
void also(State& state, const Action& action, std::vector<Effect>& effects) {
    // Starting: what the device keeps is read too (settings, read markers, the account, the box).
    if (std::holds_alternative<AppStarted>(action)) reduce_local(state, action, effects);
    // The stream: a household's confirmation elsewhere, and the network back for the receipts.
    if (std::holds_alternative<StreamEvent>(action) || std::holds_alternative<StreamChanged>(action))
        reduce_reach(state, action, effects);
    // The stream (re)opened: a box not yet bound asks how it stands.
    if (const auto* c = std::get_if<StreamChanged>(&action); c && c->open) refresh_unbound_box(state, effects);
    // A new day, or the 10-minute refresh: today's check-in is asked again.
    if (std::holds_alternative<SetToday>(action) || std::holds_alternative<RefreshDue>(action)) ask_check_in(state, effects);
    // Staff closed a slot: whoever was booked in it learns it now (我的预约 and the ticket say why),
    // not when they next open the page.
    if (const auto* e = std::get_if<StreamEvent>(&action); e && e->event == "changed" &&
        e->data.find("\"slots\"") != std::string::npos && !state.personal.appointments.empty())
        fetch_appointments(state, effects);
}

std::int64_t interrupting_id(const State& s) {
    const Alert* a = interrupting_alert(s);
    return a ? a->id : 0;
}

}  // namespace

State reduce(State state, const Action& action, std::vector<Effect>& effects) {
    const std::int64_t before = interrupting_id(state);
    const std::string acting = acting_token(state), streamed = stream_token(state);
    const Route shown = state.route;
    also(state, action, effects);
    route(state, action, effects);
    if (state.route != shown) {
        state.editing.clear();  // leaving the page closes the input
        if (state.reading.active()) {  // and ends its reading
            state.reading = Reading{};
            effects.push_back(StopSpeaking{});
        }
    }
    // A severe alert that starts interrupting (arrived, or updated with a new id) chimes once, and
    // the server is told that it was shown here.
    const std::int64_t after = interrupting_id(state);
    if (after != 0 && after != before && state.settings.chime) effects.push_back(Chime{});
    if (after != 0 && after != before) queue_receipt(state, after, false, effects);
    // Someone else acts on this screen now (signed in or out, the box bound): their household's check-in.
    if (acting_token(state) != acting) ask_check_in(state, effects);
    if (stream_token(state) != streamed) effects.push_back(IdentifyStream{stream_token(state)});
    return state;
}

}  // namespace elder
