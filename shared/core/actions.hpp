#pragma once
// Everything that can happen to the state. Input (remote, touch, mouse) and the answers of the
// platform services (network, storage, timers, the alert stream) all become one of these.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "data_state.hpp"
#include "effects.hpp"
#include "screens.hpp"

namespace elder {

// Navigation
struct OpenScreen {                        // a tile, row or button was activated
    Screen screen;
    std::string arg;                       // which item, for detail and list screens
};
struct OpenTileNumber { int number; };     // number key 1..8 on the remote
struct FocusItem { int index; };           // focus moved to item `index` of the current screen
struct ScrollTo { float offset; };         // the current page scrolled to `offset` (layout units)
struct GoBack {};
struct GoHome {};
struct ReadAloud { std::string text; };
struct ReloadPage {};
// 朗读: the page's words, sentence by sentence (the app fills in the sentences of the page on screen).
struct ReadPage { std::vector<std::string> sentences; };
struct PauseReading {};
struct ResumeReading {};
struct RestartReading {};                  // from the first sentence again
struct StopReading {};
struct SpeechDone {};                      // the speech service finished a sentence of 朗读                      // 再试一次 on a page of personal data: fetch what it shows again     // OK on an item that only informs (a contact): say it

// Search by pinyin initials
struct SearchType { char letter; };        // a-z or 0-9 from the letter grid or a keyboard
struct SearchErase {};                     // the last letter
struct SearchClear {};

// Typing: browsers type into a real input over the field (the text agent), the kiosk and the TV
// use the on-screen keypad (and the remote's digits).
struct EditField { std::string field; };   // open the browser's input over a field ("keyword", "phone")
struct SetFieldText { std::string text; }; // what the browser's input holds now
struct EndEditing {};                      // Enter, Escape or focus left the input
struct FocusField { std::string field; };  // the keypad types into this field
struct KeypadPress { char key; };          // '0'-'9', 'X', '<' delete, 'C' clear

// Identity
struct SendCode {};       // text a one-time code to the phone on the form
struct SignIn {};         // phone + code from the form
struct SignOut {};
struct RefreshDevice {};  // ask the server again whether staff have bound this box

// Booking
struct SubmitWho {};                              // check who is booking, then the review page
struct Book {};                                   // 确认预约 on the review page
struct CancelAppointment { std::int64_t id; };    // confirmed on the cancel page
struct RestoreAppointment { std::int64_t id; };   // 撤销取消, within the undo window

struct PrintTicket { Printout printout; };        // 打印凭证 on a kiosk or in a browser

// Kiosk sessions
struct EndSession {};                             // 结束, or the idle time ran out: the visitor's data goes
struct StillHere {};                              // 继续使用 on the idle warning (the touch itself is what counts)

// Help
struct AskHelp { std::string kind; };             // sos (confirmed), repair, complaint, callback

// Alerts
struct AcknowledgeAlert { std::int64_t id; };  // 我知道了 on a severe alert

// Settings
struct SetTextSize { int size; };          // 0 .. kTextSizes-1
struct SetHighContrast { bool on; };
struct SetLanguage { std::string language; };
struct SetVoice { bool on; };
struct SetChime { bool on; };
struct SetSpeechRate { int rate; };        // 0 slow, 1 normal, 2 fast
struct SetSpeechVolume { int volume; };    // 0 quiet, 1 normal, 2 loud

// Data
struct AppStarted {};                                            // read settings and the offline cache, then ask the server
struct StoredRead { std::string key; std::optional<std::string> text; };  // settings, read markers
struct FetchPolicy { std::int64_t id; };                         // a policy's full text is wanted
struct CacheRead { ResourceKey key; std::optional<std::string> text; };
struct HttpDone {
    ResourceKey key;
    int status = 0;  // 0: no answer
    std::string body, etag, error;
};
struct RetryDue { ResourceKey key; };
struct RefreshDue {};                                            // the 10-minute timer: refresh, and set it again
struct HelpCheckDue {};                                          // time to ask again how my open requests stand
struct RetryNow {};                                              // 再试一次: refresh now, the timer stays as it is
struct StreamEvent { std::string event, data; };                 // from the live alert stream
struct StreamChanged { bool open; };
struct CallDone {                                                // the answer to an HttpSend
    Call call;
    std::int64_t ref = 0;
    int status = 0;  // 0: no answer
    std::string body;
};
struct SetToday { std::string date; };                           // the clock passed midnight (or the app started)

using Action = std::variant<OpenScreen, OpenTileNumber, FocusItem, ScrollTo, GoBack, GoHome, ReadAloud, ReloadPage, ReadPage,
                            PauseReading, ResumeReading, RestartReading, StopReading, SpeechDone, SearchType, SearchErase, SearchClear,
                            EditField, SetFieldText, EndEditing, FocusField, KeypadPress, SendCode, SignIn, SignOut,
                            RefreshDevice, SubmitWho, Book, CancelAppointment, RestoreAppointment, AskHelp, PrintTicket, EndSession, StillHere, AcknowledgeAlert,
                            SetTextSize, SetHighContrast, SetLanguage, SetVoice, SetChime, SetSpeechRate, SetSpeechVolume, AppStarted, StoredRead, FetchPolicy,
                            CacheRead, HttpDone, RetryDue, RefreshDue, HelpCheckDue, RetryNow, StreamEvent, StreamChanged, CallDone,
                            SetToday>;

}  // namespace elder
