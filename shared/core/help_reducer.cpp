// Asking for help: SOS (confirmed on a second page, so that one stray press never calls anyone),
// repair, complaint and callback requests; the ticket number; my requests and their status.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "codecs.hpp"
#include "overloaded.hpp"
#include "personal_reducer.hpp"

namespace elder {
namespace {

using nlohmann::json;

// While someone looks at their requests and one is still open, staff's answer (已受理, who
// handles it, the note) is asked for every few seconds; leaving the pages ends it.
constexpr int kHelpCheckMs = 3000;

bool watching_requests(const State& state) {
    const Screen s = state.route.screen;
    if (s != Screen::MyRequests && s != Screen::HelpSent) return false;
    return std::any_of(state.personal.requests.begin(), state.personal.requests.end(),
                       [](const HelpRequest& r) { return r.status != "done"; });
}

bool known_kind(const std::string& kind) {
    return kind == "sos" || kind == "repair" || kind == "complaint" || kind == "callback";
}

void ask(State& state, const AskHelp& a, std::vector<Effect>& effects) {
    Form& form = state.personal.form;
    if (form.busy || !known_kind(a.kind)) return;
    const std::string token = acting_token(state);
    if (token.empty()) return;  // the page offers sign-in or the hotline instead
    json body{{"kind", a.kind}};
    const std::string& message = form.fields["message"];
    if (a.kind != "sos" && !message.empty()) body["message"] = message;
    form.busy = true;
    form.error = {};
    effects.push_back(call_request(Call::AskHelp, body.dump(), token));
}

void asked(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    p.form.busy = false;
    HelpRequest request;
    std::string error;
    // 200: an SOS pressed again while the first is still open; the server answers with that one.
    if ((done.status == 201 || done.status == 200) && decode_text(done.body, request, error)) {
        p.requests.erase(std::remove_if(p.requests.begin(), p.requests.end(), [&](const HelpRequest& r) { return r.id == request.id; }),
                         p.requests.end());
        p.requests.insert(p.requests.begin(), request);
        p.form = Form{};  // what was typed is sent: not kept
        replace_route(state, {Screen::HelpSent, std::to_string(request.id)}, {Screen::SosConfirm, Screen::HelpForm, Screen::SignIn});
        if (watching_requests(state)) effects.push_back(ScheduleHelpCheck{kHelpCheckMs});
        return;
    }
    if (done.status == 401 && !p.token.empty()) return sign_in_again(state, effects);
    p.form.error = failure_message(done);
}

void requests_answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    std::vector<HelpRequest> list;
    std::string error;
    if (done.status == 200 && decode_text(done.body, list, error)) {
        p.requests = std::move(list);
        p.requests_load = Load::Done;
        if (watching_requests(state)) effects.push_back(ScheduleHelpCheck{kHelpCheckMs});
        return;
    }
    p.requests_load = Load::Failed;
    if (done.status == 401 && !p.token.empty()) return sign_in_again(state, effects);
    p.list_error = failure_message(done);
}

}  // namespace

void fetch_help_requests(State& state, std::vector<Effect>& effects) {
    const std::string token = acting_token(state);
    if (token.empty() || state.personal.requests_load == Load::Loading) return;
    state.personal.requests_load = Load::Loading;
    effects.push_back(call_request(Call::HelpRequests, "", token));
}

void open_help(State& state, const Route&, std::vector<Effect>& effects) {
    state.personal.form.error = {};
    state.personal.form.busy = false;
    if (state.can.acts_for_household && !state.device.bound) refresh_device(state, effects);
}

void open_my_requests(State& state, const Route&, std::vector<Effect>& effects) { fetch_help_requests(state, effects); }

bool reduce_help(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const AskHelp& a) { return ask(state, a, effects), true; },
            [&](const HelpCheckDue&) {
                if (watching_requests(state)) fetch_help_requests(state, effects);
                return true;
            },
            [&](const CallDone& a) {
                if (a.call == Call::AskHelp) return asked(state, a, effects), true;
                if (a.call == Call::HelpRequests) return requests_answered(state, a, effects), true;
                return false;
            },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
