#pragma once
// The whole UI state. Screens are drawn from it; only the reducer changes it.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "data_state.hpp"
#include "personal.hpp"
#include "screens.hpp"
#include "surface.hpp"

namespace elder {

// The resident's choices, kept per device (storage key "settings").
struct Settings {
    int text_size = 0;  // 0 normal, 1 larger, 2 largest (see text_scale)
    bool high_contrast = false;
    std::string language = "zh-CN";
    bool voice = false;  // read the focused item aloud
    bool chime = true;   // a two-tone chime when a severe alert interrupts
    int speech_rate = 1;    // 0 slow, 1 normal, 2 fast (speech_rate_wpm)
    int speech_volume = 1;  // 0 quiet, 1 normal, 2 loud (speech_volume_level)
    bool operator==(const Settings& o) const {
        return text_size == o.text_size && high_contrast == o.high_contrast && language == o.language && voice == o.voice &&
               chime == o.chime && speech_rate == o.speech_rate && speech_volume == o.speech_volume;
    }
};
constexpr int kTextSizes = 3;
float text_scale(int text_size);  // 1.0, 1.3, 1.6: the largest is 1.6x the default (ACCESSIBILITY.md)

// 朗读: the page being read aloud, sentence by sentence.
struct Reading {
    std::vector<std::string> sentences;
    int index = 0;         // the sentence being read (== size when done)
    bool playing = false;  // false: paused or done
    bool active() const { return !sentences.empty(); }
};

// A kiosk's visitor: when they last did something, and the idle warning's countdown. The platform's
// clock drives it (Tick); a visit left untouched ends (session_reducer.cpp).
struct Visit {
    double now_ms = 0;            // the clock, ms since start, as of the last Tick
    double last_input_ms = 0;
    int warning_seconds = -1;     // seconds left shown on the idle warning; -1: no warning
    int timeout_s = 0;            // from the configuration; 0: the site's setting
};

// What this device tells the server about severe alerts (issue 18): a receipt when one starts
// interrupting (shown) and at 我知道了 (confirmed), kept in a queue that survives a restart and the
// network's absence, sent one at a time, oldest first (reach_reducer.cpp).
struct Receipt {
    std::int64_t alert_id = 0;
    bool confirmed = false;
    bool operator==(const Receipt& o) const { return alert_id == o.alert_id && confirmed == o.confirmed; }
};
struct Receipts {
    std::vector<Receipt> outbox;
    bool sending = false;                          // one is on its way
    int failures = 0;                              // in a row: the backoff's attempt
    bool retry_scheduled = false;
    std::set<std::int64_t> confirmed_elsewhere;    // by another device of the household: no interruption
};

// The household's daily check-in (报平安) on this screen: what the server said, and the press.
struct CheckIn {
    CheckInState today;
    bool sending = false;
    bool failed = false;  // the last press did not reach the server: press again
};

struct State {
    Route route;
    std::vector<Route> back_stack;        // routes that Back returns to, innermost last
    // The focused item per route key, remembered when leaving it: by its node id, so that an item
    // inserted above it (a new alert) does not move the focus; the index stands in for an id that is gone.
    struct Focus {
        std::string id;
        int index = 0;
    };
    std::map<std::string, Focus> focus;
    std::map<std::string, float> scroll;  // how far each page is scrolled, per route key
    Settings settings;
    std::set<std::int64_t> read_policies; // opened at least once on this device: no 新 marker
    std::set<std::int64_t> acked_alerts;  // severe alerts this device has confirmed (我知道了)
    std::string search_query;             // pinyin initials typed on the search page, lower case
    std::string keyword;                  // words typed in the browser's keyword box
    std::string editing;                  // the field the browser's input is open over ("keyword", "phone"); "" none
    DataState data;
    Capabilities can = capabilities_of(Surface::Tv);  // what this surface has (surface.hpp)
    std::string today;                    // "2026-11-23", from the app's clock
    std::string client_nonce;             // random per run: makes this run's Idempotency-Keys unique
    int request_seq = 0;                  // ... together with this counter
    Personal personal;
    DeviceAccount device;
    Booking booking;
    Reading reading;
    Visit visit;
    Receipts receipts;
    CheckIn check_in;

    int focused() const { return focus_of(route); }
    bool has_focus(const Route& r) const { return focus.count(r.key()) > 0; }
    int focus_of(const Route& r) const {
        const auto it = focus.find(r.key());
        return it == focus.end() ? 0 : it->second.index;
    }
    std::string focus_id() const {
        const auto it = focus.find(route.key());
        return it == focus.end() ? "" : it->second.id;
    }
    float scrolled() const {
        const auto it = scroll.find(route.key());
        return it == scroll.end() ? 0 : it->second;
    }
};

// The active Severe or Extreme alert this device has not confirmed yet: it interrupts whatever is on
// screen until 我知道了. Nothing when there is none.
const Alert* interrupting_alert(const State& state);

// The token requests are made with: the signed-in resident's, else a bound box's; "" for nobody.
std::string acting_token(const State& state);
// The token the alert stream is opened with (see reducer.cpp); "" for an anonymous stream.
std::string stream_token(const State& state);
// A bookable service by id, from the schedules fetched; nothing if unknown.
const Schedule* booking_schedule(const State& state, std::int64_t id);
// A slot by id, from the date page's slots or the alternatives a full slot offered; nothing if unknown.
const Slot* booking_slot(const State& state, std::int64_t id);


}  // namespace elder
