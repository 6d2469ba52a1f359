#pragma once
// Carries out the reducer's effects with the platform services and turns their answers into
// actions. Used on the UI thread only: run() and poll() return at once, because the work itself
// happens on worker threads (natively) or in the browser's event loop.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "core/actions.hpp"
#include "core/backoff.hpp"
#include "core/effects.hpp"
#include "event_stream.hpp"
#include "http.hpp"
#include "speech.hpp"
#include "storage.hpp"
#include "storage_writer.hpp"

namespace elder {

struct ServiceOptions {
    std::string server_url = "http://127.0.0.1:8080";
    std::string storage_dir;    // native: folder of the offline cache; "" for the default
    SpeechOptions speech;
    bool live_alerts = true;    // keep the alert stream open
    int request_timeout_ms = 10000;
    Backoff backoff;
};

class EffectRunner {
public:
    // `wake` may be called from any thread when an answer is ready (natively: to end the UI
    // loop's wait); it may be empty.
    EffectRunner(const ServiceOptions& options, std::function<void()> wake);

    void run(const Effect& effect);
    // Answers since the last call: cache reads, network answers, stream events, due timers.
    std::vector<Action> poll();
    // Milliseconds until the next timer is due (0 if one is overdue), or -1 when none is set.
    int ms_until_next_timer() const;

private:
    void schedule(double delay_ms, Action action);

    ServiceOptions options_;
    std::unique_ptr<HttpClient> http_;
    std::unique_ptr<Storage> storage_;
    std::unique_ptr<StorageWriter> writer_;
    std::unique_ptr<EventStream> stream_;
    std::unique_ptr<Speech> speech_;
    std::map<std::uint64_t, ResourceKey> requests_;  // request id -> what it fetches
    std::map<std::uint64_t, HttpSend> calls_;        // request id -> the call it makes
    std::uint64_t next_request_id_ = 1;
    std::multimap<double, Action> timers_;           // due time (ms since start) -> action
    std::vector<Action> ready_;                      // answers produced synchronously (cache reads)
    bool stream_open_ = false;
    bool reading_ = false;  // a sentence of 朗读 is being said: answer SpeechDone when it ends
    std::mt19937 random_{std::random_device{}()};
};

}  // namespace elder
