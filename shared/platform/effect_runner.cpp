#include "effect_runner.hpp"

#include <algorithm>
#include <cmath>

#include "clock.hpp"
#include "printer.hpp"
#include "core/overloaded.hpp"

namespace elder {

EffectRunner::EffectRunner(const ServiceOptions& options, std::function<void()> wake)
    : options_(options),
      http_(make_http_client(wake)),
      storage_(make_storage(options.storage_dir.empty() ? default_storage_location() : options.storage_dir)),
      writer_(make_storage_writer(*storage_)) {
    if (options.live_alerts)
        stream_ = open_event_stream(options.server_url + ELDER_STREAM_PATH, "", wake, options.backoff);
}

void EffectRunner::run(const Effect& effect) {
    std::visit(
        Overloaded{
            [&](const HttpGet& e) {
                HttpRequest request;
                request.id = next_request_id_++;
                request.url = options_.server_url + e.path;
                request.headers.push_back({"Accept", "application/json"});
                if (!e.if_none_match.empty()) request.headers.push_back({"If-None-Match", e.if_none_match});
                request.timeout_ms = options_.request_timeout_ms;
                requests_[request.id] = e.key;
                http_->send(std::move(request));
            },
            [&](const Print& e) { print(e.printout); },
            [&](const Chime&) {},  // sound belongs to the host (SDL audio): Host::pump plays it
            [&](const HttpSend& e) {
                HttpRequest request;
                request.id = next_request_id_++;
                request.method = e.method;
                request.url = options_.server_url + e.path;
                request.body = e.body;
                request.headers.push_back({"Accept", "application/json"});
                if (!e.body.empty()) request.headers.push_back({"Content-Type", "application/json"});
                if (!e.token.empty()) request.headers.push_back({"Authorization", "Bearer " + e.token});
                if (!e.idempotency_key.empty()) request.headers.push_back({"Idempotency-Key", e.idempotency_key});
                request.timeout_ms = options_.request_timeout_ms;
                calls_[request.id] = e;
                http_->send(std::move(request));
            },
            // The offline cache is small and read once per resource, at start or when a policy is
            // first opened; reading it here keeps "shown at once" literally true.
            [&](const ReadCache& e) { ready_.push_back(CacheRead{e.key, storage_->get(cache_key(e.key))}); },
            [&](const ReadStored& e) { ready_.push_back(StoredRead{e.key, storage_->get(e.key)}); },
            [&](const WriteCache& e) { writer_->put(e.key, e.text); },
            [&](const RemoveCache& e) { writer_->remove(e.key); },
            [&](const ScheduleRetry& e) {
                const double jitter = std::uniform_real_distribution<double>(0, 1)(random_);
                schedule(static_cast<double>(options_.backoff.delay_ms(e.attempt, jitter)), RetryDue{e.key});
            },
            [&](const ScheduleRefresh& e) { schedule(e.delay_ms, RefreshDue{}); },
            [&](const ScheduleHelpCheck& e) { schedule(e.delay_ms, HelpCheckDue{}); },
            [&](const ScheduleReceipts& e) {
                const double jitter = std::uniform_real_distribution<double>(0, 1)(random_);
                schedule(static_cast<double>(options_.backoff.delay_ms(e.attempt, jitter)), ReceiptsDue{});
            },
            [&](const ReconnectStream&) {
                if (stream_) stream_->reconnect_now();
            },
            [&](const IdentifyStream& e) {
                if (stream_) stream_->set_token(e.token);
            },
            [&](const Speak& e) {
                if (!speech_) speech_ = make_speech(options_.speech);  // boxes without voice never load the engine
                speech_->configure(e.rate_wpm, e.volume);
                speech_->speak(e.text);
                reading_ = e.reading;  // 朗读 goes on when this sentence has been said
            },
            [&](const StopSpeaking&) {
                if (speech_) speech_->stop();
                reading_ = false;
            },
        },
        effect);
}

std::vector<Action> EffectRunner::poll() {
    std::vector<Action> out;
    out.swap(ready_);
    const double now = ms_since_start();
    while (!timers_.empty() && timers_.begin()->first <= now) {
        out.push_back(std::move(timers_.begin()->second));
        timers_.erase(timers_.begin());
    }
    for (HttpResponse& r : http_->poll()) {
        if (const auto call = calls_.find(r.id); call != calls_.end()) {
            out.push_back(CallDone{call->second.call, call->second.ref, r.status, std::move(r.body)});
            calls_.erase(call);
            continue;
        }
        const auto it = requests_.find(r.id);
        if (it == requests_.end()) continue;
        out.push_back(HttpDone{it->second, r.status, std::move(r.body), std::move(r.etag), std::move(r.error)});
        requests_.erase(it);
    }
    if (reading_ && speech_ && !speech_->speaking()) {
        reading_ = false;
        out.push_back(SpeechDone{});
    }
    if (stream_) {
        for (SseEvent& e : stream_->poll()) out.push_back(StreamEvent{std::move(e.event), std::move(e.data)});
        const bool open = stream_->state() == StreamState::Open;
        if (open != stream_open_) {
            stream_open_ = open;
            out.push_back(StreamChanged{open});
        }
    }
    return out;
}

int EffectRunner::ms_until_next_timer() const {
    int wait = -1;
    if (!timers_.empty()) {
        const double w = timers_.begin()->first - ms_since_start();
        wait = w <= 0 ? 0 : static_cast<int>(std::ceil(w));
    }
    constexpr int kSpeechPollMs = 100;  // speech has no wake-up of its own: look again soon while reading
    if (reading_ && (wait < 0 || wait > kSpeechPollMs)) wait = kSpeechPollMs;
    return wait;
}

void EffectRunner::schedule(double delay_ms, Action action) {
    timers_.emplace(ms_since_start() + delay_ms, std::move(action));
}

}  // namespace elder
