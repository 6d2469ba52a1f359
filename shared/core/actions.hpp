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

// Every action says the slice it belongs to (`Slice`, effects.hpp), and so the reducer that
// handles it (reducer.cpp). (A few matter to a second slice too; reducer.cpp names them.)

// Navigation
struct OpenScreen { static constexpr Slice slice = Slice::Navigation; // a tile, row or button was activated
    Screen screen;
    std::string arg;                       // which item, for detail and list screens
};
struct OpenTileNumber { static constexpr Slice slice = Slice::Navigation; int number; };     // number key 1..8 on the remote
// Focus moved to the item with node id `id`, item `index` of the current screen (the id is what is
// remembered; the index stands in when there is no id or the item is gone).
struct FocusItem { static constexpr Slice slice = Slice::Navigation; int index; std::string id; };
struct ScrollTo { static constexpr Slice slice = Slice::Navigation; float offset; };         // the current page scrolled to `offset` (layout units)
struct GoBack { static constexpr Slice slice = Slice::Navigation; };
struct GoHome { static constexpr Slice slice = Slice::Navigation; };
struct ReadAloud { static constexpr Slice slice = Slice::Reading; std::string text; };
struct ReloadPage { static constexpr Slice slice = Slice::Navigation; };
// 朗读: the page's words, sentence by sentence (the app fills in the sentences of the page on screen).
struct ReadPage { static constexpr Slice slice = Slice::Reading; std::vector<std::string> sentences; };
struct PauseReading { static constexpr Slice slice = Slice::Reading; };
struct ResumeReading { static constexpr Slice slice = Slice::Reading; };
struct RestartReading { static constexpr Slice slice = Slice::Reading; };                  // from the first sentence again
struct StopReading { static constexpr Slice slice = Slice::Reading; };
struct SpeechDone { static constexpr Slice slice = Slice::Reading; };                      // the speech service finished a sentence of 朗读

// Search by pinyin initials
struct SearchType { static constexpr Slice slice = Slice::Typing; char letter; };        // a-z or 0-9 from the letter grid or a keyboard
struct SearchErase { static constexpr Slice slice = Slice::Typing; };                     // the last letter
struct SearchClear { static constexpr Slice slice = Slice::Typing; };

// Typing: browsers type into a real input over the field (the text agent), the kiosk and the TV
// use the on-screen keypad (and the remote's digits).
struct EditField { static constexpr Slice slice = Slice::Typing; std::string field; };   // open the browser's input over a field ("keyword", "phone")
struct SetFieldText { static constexpr Slice slice = Slice::Typing; std::string text; }; // what the browser's input holds now
struct EndEditing { static constexpr Slice slice = Slice::Typing; };                      // Enter, Escape or focus left the input
struct FocusField { static constexpr Slice slice = Slice::Typing; std::string field; };  // the keypad types into this field
struct KeypadPress { static constexpr Slice slice = Slice::Typing; char key; };          // '0'-'9', 'X', '<' delete, 'C' clear

// Identity
struct SendCode { static constexpr Slice slice = Slice::Account; };       // text a one-time code to the phone on the form
struct SignIn { static constexpr Slice slice = Slice::Account; };         // phone + code from the form
struct SignOut { static constexpr Slice slice = Slice::Account; };
struct RefreshDevice { static constexpr Slice slice = Slice::Account; };  // ask the server again whether staff have bound this box

// Booking
struct SubmitWho { static constexpr Slice slice = Slice::Booking; };                              // check who is booking, then the review page
struct Book { static constexpr Slice slice = Slice::Booking; };                                   // 确认预约 on the review page
struct ChooseTime { static constexpr Slice slice = Slice::Booking; std::int64_t slot_id; };       // another time, after the first filled up
struct CancelAppointment { static constexpr Slice slice = Slice::Booking; std::int64_t id; };    // confirmed on the cancel page
struct RestoreAppointment { static constexpr Slice slice = Slice::Booking; std::int64_t id; };   // 撤销取消, within the undo window

struct PrintTicket { static constexpr Slice slice = Slice::Booking; Printout printout; };        // 打印凭证 on a kiosk or in a browser

// Kiosk sessions
struct EndSession { static constexpr Slice slice = Slice::Session; };                             // 结束, or the idle time ran out: the visitor's data goes
struct Tick { static constexpr Slice slice = Slice::Session; double now_ms; };  // the clock, each time the loop wakes
struct VisitorActive { static constexpr Slice slice = Slice::Session; };        // touched, typed or pressed something
struct StillHere { static constexpr Slice slice = Slice::Session; };                              // 继续使用 on the idle warning (the touch itself is what counts)

// Help
struct AskHelp { static constexpr Slice slice = Slice::Help; std::string kind; };             // sos (confirmed), repair, complaint, callback

// Alerts
struct AcknowledgeAlert { static constexpr Slice slice = Slice::Local; std::int64_t id; };  // 我知道了 on a severe alert

// Settings
struct SetTextSize { static constexpr Slice slice = Slice::Local; int size; };          // 0 .. kTextSizes-1
struct SetHighContrast { static constexpr Slice slice = Slice::Local; bool on; };
struct SetLanguage { static constexpr Slice slice = Slice::Local; std::string language; };
struct SetVoice { static constexpr Slice slice = Slice::Local; bool on; };
struct SetChime { static constexpr Slice slice = Slice::Local; bool on; };
struct SetSpeechRate { static constexpr Slice slice = Slice::Local; int rate; };        // 0 slow, 1 normal, 2 fast
struct SetSpeechVolume { static constexpr Slice slice = Slice::Local; int volume; };    // 0 quiet, 1 normal, 2 loud

// Data
struct AppStarted { static constexpr Slice slice = Slice::Data; };                                            // read settings and the offline cache, then ask the server
struct StoredRead { static constexpr Slice slice = Slice::Local; std::string key; std::optional<std::string> text; };  // settings, read markers
struct FetchPolicy { static constexpr Slice slice = Slice::Data; std::int64_t id; };                         // a policy's full text is wanted
struct CacheRead { static constexpr Slice slice = Slice::Data; ResourceKey key; std::optional<std::string> text; };
struct HttpDone { static constexpr Slice slice = Slice::Data;
    ResourceKey key;
    int status = 0;  // 0: no answer
    std::string body, etag, error;
};
struct RetryDue { static constexpr Slice slice = Slice::Data; ResourceKey key; };
struct RefreshDue { static constexpr Slice slice = Slice::Data; };                                            // the 10-minute timer: refresh, and set it again
struct CheckInToday { static constexpr Slice slice = Slice::Reach; };                                         // 报平安: I'm fine today
struct ReceiptsDue { static constexpr Slice slice = Slice::Reach; };                                          // time to send the alert receipts again
struct HelpCheckDue { static constexpr Slice slice = Slice::Help; };                                          // time to ask again how my open requests stand
struct RetryNow { static constexpr Slice slice = Slice::Data; };                                              // 再试一次: refresh now, the timer stays as it is
struct StreamEvent { static constexpr Slice slice = Slice::Data; std::string event, data; };                 // from the live alert stream
struct StreamChanged { static constexpr Slice slice = Slice::Data; bool open; };
struct CallDone { static constexpr Slice slice = Slice::Answer;                                                // the answer to an HttpSend
    Call call;
    std::int64_t ref = 0;
    int status = 0;  // 0: no answer
    std::string body;
};
struct SetToday { static constexpr Slice slice = Slice::Navigation; std::string date; };                           // the clock passed midnight (or the app started)

using Action = std::variant<OpenScreen, OpenTileNumber, FocusItem, ScrollTo, GoBack, GoHome, ReadAloud, ReloadPage, ReadPage,
                            PauseReading, ResumeReading, RestartReading, StopReading, SpeechDone, SearchType, SearchErase, SearchClear,
                            EditField, SetFieldText, EndEditing, FocusField, KeypadPress, SendCode, SignIn, SignOut,
                            RefreshDevice, SubmitWho, Book, ChooseTime, CancelAppointment, RestoreAppointment, AskHelp, PrintTicket, CheckInToday, EndSession, Tick, VisitorActive, StillHere, AcknowledgeAlert,
                            SetTextSize, SetHighContrast, SetLanguage, SetVoice, SetChime, SetSpeechRate, SetSpeechVolume, AppStarted, StoredRead, FetchPolicy,
                            CacheRead, HttpDone, RetryDue, RefreshDue, HelpCheckDue, ReceiptsDue, RetryNow, StreamEvent, StreamChanged, CallDone,
                            SetToday>;

}  // namespace elder
