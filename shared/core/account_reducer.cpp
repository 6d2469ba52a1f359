// Identity. Residents sign in with phone + one-time code in browsers and on kiosks; a set-top box
// registers itself under its serial and acts for the household staff bound it to.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "codecs.hpp"
#include "form.hpp"
#include "overloaded.hpp"
#include "personal_reducer.hpp"

namespace elder {
namespace {

using nlohmann::json;

constexpr const char* kAccountKey = "account";  // browsers only: a kiosk forgets its visitors
constexpr const char* kDeviceKey = "device";

void register_device(State& state, std::vector<Effect>& effects) {
    state.device.load = Load::Loading;
    json body{{"kind", state.can.device_kind}, {"serial", state.device.serial}};
    if (!state.device.enrolment_code.empty()) body["enrolment_code"] = state.device.enrolment_code;
    effects.push_back(call_request(Call::RegisterDevice, body.dump()));
}

void ask_device_status(State& state, std::vector<Effect>& effects) {
    state.device.load = Load::Loading;
    effects.push_back(call_request(Call::DeviceStatus, "", state.device.token));
}

void device_answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    DeviceAccount& d = state.device;
    DeviceStatus status;
    std::string error;
    const bool ok = (done.status == 200 || done.status == 201) && decode_text(done.body, status, error);
    if (!ok) {
        d.load = Load::Failed;
        d.problem = failure_message(done);
        // Registration refused for want of a (valid) enrolment code: our own sentence, in the
        // resident's language, says who can fix it.
        if (done.call == Call::RegisterDevice && (done.status == 401 || done.status == 403))
            d.problem = {"device.enrolment_needed", ""};
        if (done.call == Call::DeviceStatus && done.status == 401) {  // the server no longer knows this token
            d.token.clear();
            effects.push_back(RemoveCache{kDeviceKey});
        }
        return;
    }
    d.load = Load::Done;
    d.problem = {};
    d.id = status.id;
    const bool newly_bound = status.bound && !d.bound;
    d.bound = status.bound;
    d.household_name = status.household_name;
    d.household_phone = status.household_phone;
    if (!status.token.empty()) {
        d.token = status.token;
        effects.push_back(WriteCache{kDeviceKey, json{{"token", d.token}, {"id", d.id}}.dump()});
    }
    // The box acts for its household from now on: a page of the household's own that opened before
    // (at start, with --open) fetches what it shows.
    if (newly_bound && page_is_personal(state.route.screen)) state.route = route_opened(state, state.route, effects);
}

void stored_device(State& state, const StoredRead& read, std::vector<Effect>& effects) {
    if (state.device.serial.empty()) return;
    const json j = read.text ? json::parse(*read.text, nullptr, false) : json();
    if (j.is_object() && j.value("token", "").size() > 0) {
        state.device.token = j.value("token", "");
        state.device.id = j.value("id", std::int64_t{0});
    }
    refresh_device(state, effects);
}

void stored_account(State& state, const StoredRead& read) {
    const json j = read.text ? json::parse(*read.text, nullptr, false) : json();
    if (!j.is_object()) return;
    state.personal.token = j.value("token", "");
    state.personal.phone = j.value("phone", "");
}

// A registered kiosk signs its visitors in under its own name: the server then counts their codes
// against the kiosk's allowance, not the address that many kiosks may share.
std::string kiosk_token(const State& state) { return state.can.visitor_sessions ? state.device.token : ""; }

void send_code(State& state, std::vector<Effect>& effects) {
    Form& form = state.personal.form;
    if (form.busy) return;
    if (const FieldProblem p = check_fields(form, {"phone"}); !p.field.empty()) {
        form.error = {p.key, ""};
        form.active = p.field;
        return;
    }
    form.busy = true;
    form.error = form.notice = {};
    effects.push_back(call_request(Call::SendCode, json{{"phone", form.fields["phone"]}}.dump(), kiosk_token(state)));
}

void sign_in(State& state, std::vector<Effect>& effects) {
    Form& form = state.personal.form;
    if (form.busy) return;
    if (const FieldProblem p = check_fields(form, {"phone", "code"}); !p.field.empty()) {
        form.error = {p.key, ""};
        form.active = p.field;
        return;
    }
    form.busy = true;
    form.error = {};
    json body{{"phone", form.fields["phone"]}, {"code", form.fields["code"]}};
    // The next visitor stands here minutes later: the server gives a kiosk's sign-in minutes, not weeks.
    if (state.can.visitor_sessions) body["kiosk"] = true;
    effects.push_back(call_request(Call::SignIn, body.dump(), kiosk_token(state)));
}

void code_sent(State& state, const CallDone& done) {
    Form& form = state.personal.form;
    form.busy = false;
    if (done.status != 202) {
        form.error = failure_message(done);
        return;
    }
    form.notice = {"sign_in.code_sent", ""};
    form.active = "code";
}

void signed_in(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    p.form.busy = false;
    Token token;
    std::string error;
    if (done.status != 200 || !decode_text(done.body, token, error)) {
        p.form.error = failure_message(done);
        p.form.fields["code"].clear();  // a wrong code is typed again from the start
        p.form.active = "code";
        return;
    }
    p.token = token.token;
    p.phone = p.form.fields["phone"];
    p.form = Form{};
    if (state.can.keeps_account)
        effects.push_back(WriteCache{kAccountKey, json{{"token", p.token}, {"phone", p.phone}}.dump()});
    Route next = p.after_sign_in.screen == Screen::SignIn ? Route{} : p.after_sign_in;
    // Back after an expired sign-in: the same resident finds what they typed; anyone else fills
    // the form in afresh (a review with nobody's name on it would book nothing).
    if (!p.held_phone.empty() && p.held_phone == p.phone) p.form.fields = std::move(p.held_fields);
    else if (next.screen == Screen::BookReview) next.screen = Screen::BookWho;
    p.held_phone.clear();
    p.held_fields.clear();
    replace_route(state, next, {Screen::SignIn});
    state.route = route_opened(state, state.route, effects);
}

void sign_out(State& state, std::vector<Effect>& effects) {
    revoke_sign_in(state, effects);
    forget_person(state, effects);
    state.back_stack.clear();
    state.route = Route{};
}

}  // namespace

void refresh_device(State& state, std::vector<Effect>& effects) {
    if (state.device.load == Load::Loading || state.device.serial.empty()) return;
    if (state.device.token.empty()) register_device(state, effects);
    else ask_device_status(state, effects);
}

void refresh_unbound_box(State& state, std::vector<Effect>& effects) {
    if (state.can.acts_for_household && !state.device.token.empty() && !state.device.bound) refresh_device(state, effects);
}

void sign_in_again(State& state, std::vector<Effect>& effects) {
    const Route here = state.route;
    const std::string phone = state.personal.phone;
    std::map<std::string, std::string> typed = state.personal.form.fields;
    typed.erase("code");
    forget_person(state, effects);
    state.personal.after_sign_in = here;
    state.personal.held_phone = phone;
    state.personal.held_fields = std::move(typed);
    state.personal.form.fields["phone"] = phone;  // only the code is new
    state.personal.form.active = "phone";
    state.personal.form.error = {"sign_in.expired", ""};
    replace_route(state, {Screen::SignIn, ""}, {});
}

void revoke_sign_in(const State& state, std::vector<Effect>& effects) {
    if (!state.personal.token.empty())
        effects.push_back(call_request(Call::SignOut, "", state.personal.token));
}

void open_sign_in(State& state, const Route&, std::vector<Effect>&) {
    state.personal.form.error = {};
    state.personal.form.active = "phone";
}

void forget_person(State& state, std::vector<Effect>& effects) {
    state.personal = Personal{};
    state.editing.clear();
    effects.push_back(RemoveCache{kAccountKey});
}

bool reduce_account(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const StoredRead& a) {
                if (a.key == kDeviceKey) stored_device(state, a, effects);
                else if (a.key == kAccountKey) stored_account(state, a);
                else return false;
                return true;
            },
            [&](const SendCode&) { return send_code(state, effects), true; },
            [&](const SignIn&) { return sign_in(state, effects), true; },
            [&](const SignOut&) { return sign_out(state, effects), true; },
            [&](const RefreshDevice&) { return refresh_device(state, effects), true; },
            [&](const CallDone& a) {
                switch (a.call) {
                    case Call::RegisterDevice:
                    case Call::DeviceStatus: device_answered(state, a, effects); return true;
                    case Call::SendCode: code_sent(state, a); return true;
                    case Call::SignIn: signed_in(state, a, effects); return true;
                    case Call::SignOut: return true;
                    default: return false;
                }
            },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
