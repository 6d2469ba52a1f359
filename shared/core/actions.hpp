#pragma once
// Everything that can happen to the state. Input (remote, touch, mouse) and the answers of the
// platform services (network, storage, timers, the alert stream) all become one of these.
#include <optional>
#include <string>
#include <variant>

#include "data_state.hpp"
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
struct ReadAloud { std::string text; };     // OK on an item that only informs (a contact): say it

// Search by pinyin initials
struct SearchType { char letter; };        // a-z or 0-9 from the letter grid or a keyboard
struct SearchErase {};                     // the last letter
struct SearchClear {};
struct EditKeyword {};                     // the keyword box was activated: type into it
struct SetKeyword { std::string text; };   // what the browser's input holds now
struct EndEditing {};                      // Enter, Escape or focus left the input

// Alerts
struct AcknowledgeAlert { std::int64_t id; };  // 我知道了 on a severe alert

// Settings
struct SetTextSize { int size; };          // 0 .. kTextSizes-1
struct SetHighContrast { bool on; };
struct SetLanguage { std::string language; };
struct SetVoice { bool on; };

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
struct RetryNow {};                                              // 再试一次: refresh now, the timer stays as it is
struct StreamEvent { std::string event, data; };                 // from the live alert stream
struct StreamChanged { bool open; };

using Action = std::variant<OpenScreen, OpenTileNumber, FocusItem, ScrollTo, GoBack, GoHome, ReadAloud, SearchType, SearchErase, SearchClear, EditKeyword, SetKeyword, EndEditing, AcknowledgeAlert, SetTextSize,
                            SetHighContrast, SetLanguage, SetVoice, AppStarted, StoredRead, FetchPolicy, CacheRead,
                            HttpDone, RetryDue, RefreshDue, RetryNow, StreamEvent, StreamChanged>;

}  // namespace elder
