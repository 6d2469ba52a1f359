#pragma once
// What the reducer asks the outside world to do, as plain data. The platform's effect runner
// carries them out asynchronously and reports back with actions (actions.hpp).
#include <string>
#include <variant>
#include <vector>

#include "data_state.hpp"

namespace elder {

struct HttpGet {               // answer: HttpDone
    ResourceKey key;
    std::string path;          // "/api/v1/policies?limit=100"
    std::string if_none_match;
};
struct ReadCache { ResourceKey key; };                   // answer: CacheRead
struct ReadStored { std::string key; };                  // answer: StoredRead
struct WriteCache { std::string key, text; };            // any storage key; no answer, failures are logged
struct RemoveCache { std::string key; };
struct ScheduleRetry { ResourceKey key; int attempt; };  // answer after a backoff delay: RetryDue
struct ScheduleRefresh { int delay_ms; };                // answer: RefreshDue
struct ScheduleHelpCheck { int delay_ms; };              // answer: HelpCheckDue
struct ScheduleReceipts { int attempt; };                // answer after a backoff delay: ReceiptsDue
struct ReconnectStream {};  // the alert stream's connection is likely dead: drop it and connect now
struct IdentifyStream {     // whom the alert stream speaks for: a resident's or a box's token ("" for nobody)
    std::string token;
};
struct Speak {                                           // read aloud, replacing what is being said
    std::string text;
    int rate_wpm = 150, volume = 110;                    // from the settings (speech_rate_wpm ...)
    bool reading = false;  // a sentence of 朗读: answer SpeechDone when it has been said
};
struct StopSpeaking {};
struct Chime {};                                         // the severe-alert chime (two tones)

// A document for the browser's printer (a kiosk's ticket printer): a heading, lines, a QR code.
struct Printout {
    std::string heading;             // the community and 预约凭证
    std::string headline;            // 预约成功
    std::string time;                // 11月27日 星期五 上午10点: the largest line
    std::vector<std::string> lines;  // code, service, place, name, materials
    std::string qr_svg;              // an <svg> of the QR code, or ""
    std::string qr_caption;          // 到窗口出示, under the QR code
    std::string footer;              // the community's phone, for questions
};
struct Print { Printout printout; };                     // hand it to the platform's printer

// A request made for the person or the box (signing in, booking, asking for help): never cached,
// never retried behind their back (alert receipts excepted: reach_reducer.cpp). Answer: CallDone. The calls are declared in core/resource_list.hpp.
#define ELDER_CALL_ID(id, method, path, owner) id,
enum class Call { ELDER_CALLS(ELDER_CALL_ID) };
#undef ELDER_CALL_ID

// The slices of the state, each with its reducer (reducer.cpp). An action names its slice; an answer
// (Answer) goes to the slice its call's row names.
enum class Slice { Navigation, Reading, Typing, Account, Booking, Session, Help, Local, Reach, Data, Answer };
Slice call_owner(Call call);

struct HttpSend {
    Call call;
    std::string method, path, body;  // body: JSON, or "" for none
    std::string token;               // Authorization: Bearer, if not ""
    std::string idempotency_key;     // Idempotency-Key, if not ""
    std::int64_t ref = 0;            // which item it is about, handed back on the answer
};
// The request for `call` (method and path from its row; "{id}" is `ref`; `query` is appended).
HttpSend call_request(Call call, std::string body = "", std::string token = "", std::int64_t ref = 0,
                      std::string idempotency_key = "", const std::string& query = "");

using Effect = std::variant<HttpGet, ReadCache, ReadStored, WriteCache, RemoveCache, ScheduleRetry, ScheduleRefresh, ScheduleHelpCheck, ScheduleReceipts,
                            ReconnectStream, IdentifyStream, Speak, StopSpeaking, Chime, HttpSend, Print>;

}  // namespace elder
