// Booking: services -> date -> time -> who -> review -> ticket; my appointments, cancelling with a
// confirmation and restoring within the undo window. Booking is idempotent: the review page holds
// one Idempotency-Key, so a double tap or a retry after a lost answer books once.
#include <algorithm>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "codecs.hpp"
#include "date_text.hpp"
#include "form.hpp"
#include "overloaded.hpp"
#include "personal_reducer.hpp"

namespace elder {
namespace {

using nlohmann::json;

std::int64_t arg_id(const Route& r) { return std::atoll(r.arg.c_str()); }

void fetch_schedules(State& state, std::vector<Effect>& effects) { want_resource(state.data, {Resource::Schedules}, effects); }

// The schedule's slots from `from` to `to` (dates); the date page asks for the next 14 days.
void fetch_slots(State& state, std::int64_t schedule, const std::string& from, const std::string& to,
                 std::vector<Effect>& effects) {
    Booking& b = state.booking;
    if (b.slots_schedule != schedule) b.slots.clear();  // never show another service's times
    b.slots_schedule = schedule;
    b.slots_load = Load::Loading;
    effects.push_back(call_request(Call::Slots, "", "", schedule, "", "from=" + from + "&to=" + to));
}

}  // namespace

void fetch_appointments(State& state, std::vector<Effect>& effects) {
    const std::string token = acting_token(state);
    if (token.empty() || state.personal.appointments_load == Load::Loading) return;
    state.personal.appointments_load = Load::Loading;
    effects.push_back(call_request(Call::Appointments, "", token));
}

namespace {

void start_who(State& state) {
    Form& form = state.personal.form;
    form.error = form.notice = {};
    form.busy = false;
    // A booking is for the phone the resident signed in with (the server refuses any other), so
    // the page shows it and nobody types one.
    form.fields["phone"] = state.personal.phone;
    form.active = "id_number";
}

void start_review(State& state) {
    state.personal.booking_key = state.client_nonce + "-" + std::to_string(++state.request_seq);
    state.personal.alternatives.clear();
    state.personal.form.error = state.personal.form.notice = {};
    state.personal.form.busy = false;
}

void submit_who(State& state, std::vector<Effect>& effects) {
    const std::int64_t slot_id = arg_id(state.route);
    if (state.personal.token.empty()) {
        if (!state.device.bound) return;  // the page says how to get the box bound instead
    } else {
        const Slot* slot = booking_slot(state, slot_id);
        const Schedule* schedule = slot ? booking_schedule(state, slot->schedule_id) : nullptr;
        const bool needs_id = schedule && schedule->needs_id_number;
        Form& form = state.personal.form;
        const FieldProblem p = needs_id ? check_fields(form, {"name", "id_number"}) : check_fields(form, {"name"});
        if (!p.field.empty()) {
            form.error = {p.key, ""};
            form.active = p.field;
            return;
        }
    }
    state.back_stack.push_back(state.route);
    state.route = {Screen::BookReview, state.route.arg};
    route_opened(state, state.route, effects);
}

void book(State& state, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    if (p.form.busy) return;
    json body{{"slot_id", arg_id(state.route)}};
    if (!p.token.empty()) {
        body["name"] = p.form.fields["name"];
        body["phone"] = p.phone;
        if (!p.form.fields["id_number"].empty()) body["id_number"] = p.form.fields["id_number"];
    } else {  // a bound set-top box books for its household, with no typing
        if (!state.device.bound) return;
        body["name"] = state.device.household_name;
        body["phone"] = state.device.household_phone;
    }
    p.form.busy = true;
    p.form.error = {};
    effects.push_back(call_request(Call::Book, body.dump(), acting_token(state), 0, p.booking_key));
}

// Puts a changed appointment into my list (newest first), replacing its old copy.
void keep_appointment(Personal& p, const Appointment& a) {
    auto it = std::find_if(p.appointments.begin(), p.appointments.end(), [&](const Appointment& x) { return x.id == a.id; });
    if (it != p.appointments.end()) *it = a;
    else p.appointments.insert(p.appointments.begin(), a);
}

void booked(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    p.form.busy = false;
    Appointment a;
    std::string error;
    if (done.status == 201 && decode_text(done.body, a, error)) {
        keep_appointment(p, a);
        p.form = Form{};  // the name and ID number typed are not kept once booked
        p.alternatives.clear();
        replace_route(state, {Screen::Ticket, std::to_string(a.id)},
                      {Screen::BookDate, Screen::BookSlot, Screen::BookWho, Screen::BookReview, Screen::SignIn});
        return;
    }
    if (done.status == 401 && !p.token.empty()) return sign_in_again(state, effects);
    Problem problem;
    if (done.status == 409 && decode_text(done.body, problem, error)) {
        start_review(state);  // choosing another time is a new booking
        p.alternatives = problem.alternatives;
        // 确认预约 is gone: the review starts afresh, on its first new time (its entry focus).
        if (!p.alternatives.empty()) state.focus.erase(state.route.key());
    }
    p.form.error = failure_message(done);
}

// Another time after the first filled up: the same review for the new time (a new booking, with a
// new Idempotency-Key), replacing the old one, so that Back still leads to 谁去办理.
void choose_time(State& state, std::int64_t slot_id) {
    Personal& p = state.personal;
    const auto alt = std::find_if(p.alternatives.begin(), p.alternatives.end(), [&](const Slot& s) { return s.id == slot_id; });
    if (state.route.screen != Screen::BookReview || alt == p.alternatives.end()) return;
    // The review finds its slot among the day's slots once the alternatives are cleared.
    auto& slots = state.booking.slots;
    const auto known = std::find_if(slots.begin(), slots.end(), [&](const Slot& s) { return s.id == slot_id; });
    if (known != slots.end()) *known = *alt;
    else slots.push_back(*alt);
    state.focus.erase(Route{Screen::BookReview, std::to_string(slot_id)}.key());  // opens on 确认预约
    state.route = {Screen::BookReview, std::to_string(slot_id)};
    start_review(state);
    p.form.notice = {"booking.time_changed", ""};
}

void appointments_answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    std::vector<Appointment> list;
    std::string error;
    if (done.status == 200 && decode_text(done.body, list, error)) {
        p.appointments = std::move(list);
        p.appointments_load = Load::Done;
        p.list_error = {};
        return;
    }
    p.appointments_load = Load::Failed;
    if (done.status == 401 && !p.token.empty()) return sign_in_again(state, effects);
    p.list_error = failure_message(done);
}

void changed_answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Personal& p = state.personal;
    p.form.busy = false;
    Appointment a;
    std::string error;
    if (done.status == 200 && decode_text(done.body, a, error)) {
        keep_appointment(p, a);
        p.form.error = {};
        p.form.notice = {done.call == Call::Cancel ? "ticket.cancelled_notice" : "ticket.restored_notice", ""};
        if (state.route.screen == Screen::CancelConfirm) replace_route(state, {Screen::Ticket, std::to_string(a.id)}, {Screen::Ticket});
        // The changed ticket opens on its forward action (完成), not on the button that undoes what
        // was just done: a second OK must not restore a cancellation or cancel a restored booking.
        if (state.route.screen == Screen::Ticket) state.focus.erase(state.route.key());
        return;
    }
    if (done.status == 401 && !p.token.empty()) return sign_in_again(state, effects);
    p.form.error = failure_message(done);
}

void change(State& state, Call call, std::int64_t id, std::vector<Effect>& effects) {
    if (state.personal.form.busy) return;
    state.personal.form.busy = true;
    state.personal.form.error = state.personal.form.notice = {};
    effects.push_back(call_request(call, "", acting_token(state), id));
}

void answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    switch (done.call) {
        case Call::Slots: {
            if (done.ref != state.booking.slots_schedule) return;  // the resident moved on to another service
            std::vector<Slot> list;
            std::string error;
            const bool ok = done.status == 200 && decode_text(done.body, list, error);
            if (ok) state.booking.slots = std::move(list);
            state.booking.slots_load = ok ? Load::Done : Load::Failed;
            return;
        }
        case Call::Book: return booked(state, done, effects);
        case Call::Appointments: return appointments_answered(state, done, effects);
        case Call::Cancel:
        case Call::Restore: return changed_answered(state, done, effects);
        default: return;
    }
}

}  // namespace

const Slot* booking_slot(const State& state, std::int64_t id) {
    for (const Slot& s : state.booking.slots)
        if (s.id == id) return &s;
    for (const Slot& s : state.personal.alternatives)
        if (s.id == id) return &s;
    return nullptr;
}

const Schedule* booking_schedule(const State& state, std::int64_t id) {
    for (const Schedule& s : state.data.schedules.value)
        if (s.id == id) return &s;
    return nullptr;
}

void open_appointments(State& state, const Route&, std::vector<Effect>& effects) {
    fetch_schedules(state, effects);
    fetch_appointments(state, effects);
    if (state.can.acts_for_household && state.device.load != Load::Done) refresh_device(state, effects);
}

void open_book_date(State& state, const Route& target, std::vector<Effect>& effects) {
    if (state.data.schedules.value.empty()) fetch_schedules(state, effects);
    if (const auto last = date_after(state.today, kBookingDays - 1))  // not before the clock is read
        fetch_slots(state, arg_id(target), state.today, iso_date(*last), effects);
}

// An activity's sign-up comes straight here, without the date page.
void open_book_slot(State& state, const Route& target, std::vector<Effect>& effects) {
    if (state.data.schedules.value.empty()) fetch_schedules(state, effects);
    const std::string date = target.arg.substr(std::min(target.arg.size(), target.arg.find('/') + 1));
    if (state.booking.slots_schedule != arg_id(target)) fetch_slots(state, arg_id(target), date, date, effects);
}

void open_book_who(State& state, const Route&, std::vector<Effect>& effects) {
    start_who(state);
    if (state.can.acts_for_household) refresh_device(state, effects);
}

// The review opens on 确认预约 (its entry focus), even where 返回 was pressed on it before.
void open_book_review(State& state, const Route& target, std::vector<Effect>&) {
    state.focus.erase(target.key());
    start_review(state);
}

// 我的预约 and the ticket: the list again (staff may have closed a slot).
void open_my_appointments(State& state, const Route&, std::vector<Effect>& effects) {
    state.personal.form.error = state.personal.form.notice = {};
    fetch_appointments(state, effects);
}

// A ticket opens on its forward action (完成 or 打印凭证, its entry focus), never on 取消预约
// remembered from an earlier visit.
void open_ticket(State& state, const Route& target, std::vector<Effect>& effects) {
    state.focus.erase(target.key());
    open_my_appointments(state, target, effects);
}

bool reduce_booking(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const SubmitWho&) { return submit_who(state, effects), true; },
            [&](const Book&) { return book(state, effects), true; },
            [&](const ChooseTime& a) { return choose_time(state, a.slot_id), true; },
            [&](const CancelAppointment& a) { return change(state, Call::Cancel, a.id, effects), true; },
            [&](const RestoreAppointment& a) { return change(state, Call::Restore, a.id, effects), true; },
            [&](const CallDone& a) { return answered(state, a, effects), true; },
            [&](const PrintTicket& a) { return effects.push_back(Print{a.printout}), true; },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
