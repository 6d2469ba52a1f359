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
struct OpenScreen { Screen screen; };      // a tile was activated
struct OpenTileNumber { int number; };     // number key 1..8 on the remote
struct FocusItem { int index; };           // focus moved to item `index` of the current screen
struct GoBack {};
struct GoHome {};

// Data
struct AppStarted {};                                            // read the offline cache, then ask the server
struct FetchPolicy { std::int64_t id; };                         // a policy's full text is wanted
struct CacheRead { ResourceKey key; std::optional<std::string> text; };
struct HttpDone {
    ResourceKey key;
    int status = 0;  // 0: no answer
    std::string body, etag, error;
};
struct RetryDue { ResourceKey key; };
struct RefreshDue {};
struct StreamEvent { std::string event, data; };                 // from the live alert stream
struct StreamChanged { bool open; };

using Action = std::variant<OpenScreen, OpenTileNumber, FocusItem, GoBack, GoHome, AppStarted, FetchPolicy,
                            CacheRead, HttpDone, RetryDue, RefreshDue, StreamEvent, StreamChanged>;

}  // namespace elder
