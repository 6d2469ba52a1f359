// Alert receipts (issue 18): what this device tells the server about severe alerts, so that staff
// see who a warning reached and call those it did not. A receipt is small, idempotent and nobody
// waits for it: it is queued (kept across restarts), sent one at a time, and sent again after a
// failure with the backoff, and at once when the stream comes back. A household confirmed on
// another of its devices (the receipt's answer, or the stream's "confirmed") stops interrupting
// here too. The daily check-in (报平安): asked whenever who acts on this screen may have changed,
// and pressed once.
#include <algorithm>
#include <sstream>

#include "codecs.hpp"
#include "overloaded.hpp"
#include "personal_reducer.hpp"
#include "reducer.hpp"
#include "settings.hpp"

namespace elder {
namespace {

constexpr size_t kMaxOutbox = 64;  // receipts for 32 alerts: far more than are ever active at once

std::string encode_outbox(const std::vector<Receipt>& outbox) {
    std::string out;
    for (const Receipt& r : outbox) out += std::to_string(r.alert_id) + (r.confirmed ? "c" : "s") + "\n";
    return out;
}

std::vector<Receipt> decode_outbox(const std::string& text) {
    std::vector<Receipt> out;
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line) && out.size() < kMaxOutbox) {
        if (line.size() < 2 || line.size() > 20) continue;
        const char kind = line.back();
        line.pop_back();
        if ((kind != 'c' && kind != 's') || !std::all_of(line.begin(), line.end(), ::isdigit)) continue;
        out.push_back({std::stoll(line), kind == 'c'});
    }
    return out;
}

std::string receipt_token(const State& state) {
    return state.personal.token.empty() ? state.device.token : state.personal.token;
}

void keep(const State& state, std::vector<Effect>& effects) {
    effects.push_back(WriteCache{"receipts", encode_outbox(state.receipts.outbox)});
}

void send_next(State& state, std::vector<Effect>& effects) {
    Receipts& r = state.receipts;
    const std::string token = receipt_token(state);
    if (r.sending || r.retry_scheduled || r.outbox.empty() || token.empty()) return;
    r.sending = true;
    const Receipt& next = r.outbox.front();
    effects.push_back(call_request(Call::SendReceipt, next.confirmed ? R"({"state":"confirmed"})" : R"({"state":"shown"})",
                                   token, next.alert_id));
}

// The household confirmed this alert elsewhere: this device no longer interrupts for it.
void confirmed_elsewhere(State& state, std::int64_t alert_id, std::vector<Effect>& effects) {
    if (state.acked_alerts.count(alert_id)) return;
    state.receipts.confirmed_elsewhere.insert(alert_id);
    state.acked_alerts.insert(alert_id);  // kept, so that a restart does not interrupt again
    effects.push_back(WriteCache{"ack.alerts", encode_ids(state.acked_alerts)});
}

void receipt_answered(State& state, const CallDone& done, std::vector<Effect>& effects) {
    Receipts& r = state.receipts;
    r.sending = false;
    const bool retry = done.status == 0 || done.status == 429 || done.status >= 500;
    if (retry) {
        r.retry_scheduled = true;
        effects.push_back(ScheduleReceipts{++r.failures});
        return;
    }
    r.failures = 0;
    if (!r.outbox.empty()) r.outbox.erase(r.outbox.begin());  // sent, or refused for good (the alert is gone)
    keep(state, effects);
    // A "shown" answered "the household has confirmed": someone at home pressed 我知道了 on another
    // screen (after this one's own 我知道了, nothing changes: the alert is confirmed here already).
    ReceiptAnswer answer;
    std::string error;
    if (done.status == 200 && decode_text(done.body, answer, error) && answer.household_confirmed)
        confirmed_elsewhere(state, answer.alert_id, effects);
    send_next(state, effects);
}

// The check-in's answers: the state today (GET), or after a press (POST). A press that did not
// reach the server says so and may be pressed again; a refusal (no household, not enrolled) takes
// the button away.
bool waits_for_press(const CheckInState& s) { return s.enrolled && !s.away_today && s.checked_in_at.empty(); }

void check_in_answered(State& state, const CallDone& done) {
    CheckIn& c = state.check_in;
    const bool press = done.call == Call::CheckIn;
    const bool waited = waits_for_press(c.today);
    if (press) c.sending = false;
    CheckInState today;
    std::string error;
    if (done.status == 200 && decode_text(done.body, today, error)) {
        c.today = today;
        c.failed = false;
    } else if (press) {
        c.failed = done.status == 0 || done.status >= 500;
        if (!c.failed) c.today.enrolled = false;
    } else if (done.status != 0 && done.status < 500) {
        c.today = CheckInState{};  // not signed in, not enrolled: no button
    }
    // The button has just appeared (the box switched on in the morning, a new day): home opens on
    // it, so that one OK says 我很好.
    if (!waited && waits_for_press(c.today)) state.focus.erase(Route{}.key());
}

void check_in_now(State& state, std::vector<Effect>& effects) {
    CheckIn& c = state.check_in;
    const std::string token = acting_token(state);
    if (c.sending || token.empty() || !c.today.enrolled || !c.today.checked_in_at.empty()) return;
    c.sending = true;
    c.failed = false;
    effects.push_back(call_request(Call::CheckIn, "{}", token));
}

}  // namespace

void ask_check_in(State& state, std::vector<Effect>& effects) {
    const std::string token = acting_token(state);
    if (token.empty()) {
        state.check_in = CheckIn{};
        return;
    }
    effects.push_back(call_request(Call::CheckInStatus, "", token));
}

void queue_receipt(State& state, std::int64_t alert_id, bool confirmed, std::vector<Effect>& effects) {
    Receipts& r = state.receipts;
    if (receipt_token(state).empty() || r.outbox.size() >= kMaxOutbox) return;  // nobody to send it as
    const Receipt receipt{alert_id, confirmed};
    if (std::find(r.outbox.begin(), r.outbox.end(), receipt) != r.outbox.end()) return;
    r.outbox.push_back(receipt);
    keep(state, effects);
    send_next(state, effects);
}

bool reduce_reach(State& state, const Action& action, std::vector<Effect>& effects) {
    return std::visit(
        Overloaded{
            [&](const ReceiptsDue&) {
                state.receipts.retry_scheduled = false;
                return send_next(state, effects), true;
            },
            [&](const CheckInToday&) { return check_in_now(state, effects), true; },
            [&](const CallDone& a) {
                if (a.call == Call::SendReceipt) receipt_answered(state, a, effects);
                else check_in_answered(state, a);
                return true;
            },
            [&](const StoredRead& a) {
                if (a.key != "receipts" || !a.text) return false;
                state.receipts.outbox = decode_outbox(*a.text);
                return send_next(state, effects), true;
            },
            [&](const StreamEvent& a) {
                // The household's check-in changed (staff set it up, a day away, another member pressed).
                // Only a household's own streams carry it: a box that does not know yet that it is
                // bound asks how it stands first (its answer asks for the check-in).
                if (a.event == "check_in") {
                    refresh_unbound_box(state, effects);
                    ask_check_in(state, effects);
                    return true;
                }
                AlertConfirmed confirmed;
                std::string error;
                if (a.event != "confirmed" || !decode_text(a.data, confirmed, error)) return false;
                return confirmed_elsewhere(state, confirmed.alert_id, effects), true;
            },
            // The stream is back, so is the network: what waited goes now, not at the backoff's time.
            [&](const StreamChanged& a) {
                if (!a.open || !state.receipts.retry_scheduled) return false;
                state.receipts.retry_scheduled = false;
                return send_next(state, effects), true;
            },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
