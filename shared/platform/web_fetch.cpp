#include "web_fetch.hpp"

#include <emscripten/emscripten.h>

#include <cstdlib>
#include <map>

#include <nlohmann/json.hpp>

namespace elder {
namespace {

std::map<int, std::function<void(WebFetchResult)>>& pending() {
    static std::map<int, std::function<void(WebFetchResult)>> calls;
    return calls;
}

// Starts fetch(); the answer comes back through elder_web_fetch_done with buffers this module
// allocated (_malloc), which C++ frees.
EM_JS(void, web_fetch_start, (int id, const char* method, const char* url, const char* headers_json, const char* body,
                               int body_length, int timeout_ms, double max_bytes), {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; controller.abort(); }, timeout_ms);
    const init = { method: UTF8ToString(method), headers: JSON.parse(UTF8ToString(headers_json)), signal: controller.signal };
    if (body_length > 0) init.body = HEAPU8.slice(body, body + body_length);
    const copy = (bytes) => {
        if (!bytes || bytes.length === 0) return 0;
        const at = _malloc(bytes.length);
        HEAPU8.set(bytes, at);
        return at;
    };
    const finish = (status, bytes, headerText, error) => {
        clearTimeout(timer);
        const heads = new TextEncoder().encode(headerText), said = new TextEncoder().encode(error);
        _elder_web_fetch_done(id, status, copy(bytes), bytes ? bytes.length : 0, copy(heads), heads.length, copy(said), said.length);
    };
    const tooLarge = () => { controller.abort(); finish(0, null, '', 'answer too large'); };
    fetch(UTF8ToString(url), init).then(async (response) => {
        if (Number(response.headers.get('Content-Length') || 0) > max_bytes) return tooLarge();
        const reader = response.body.getReader();
        const chunks = [];
        let total = 0;
        for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            total += value.length;
            if (total > max_bytes) return tooLarge();
            chunks.push(value);
        }
        const bytes = new Uint8Array(total);
        let offset = 0;
        for (const chunk of chunks) { bytes.set(chunk, offset); offset += chunk.length; }
        let headerText = '';
        const lineEnd = String.fromCharCode(13, 10);  // EM_JS would turn an escape into a line break
        response.headers.forEach((value, name) => { headerText += name + ': ' + value + lineEnd; });
        finish(response.status, bytes, headerText, '');
    }).catch(() => finish(0, null, '', timedOut ? 'timed out' : 'no answer (offline or refused)'));
});

std::string take(char* data, int length) {
    std::string out = data ? std::string(data, static_cast<std::size_t>(length)) : std::string();
    std::free(data);
    return out;
}

}  // namespace

void web_fetch(const WebFetchRequest& request, std::function<void(WebFetchResult)> done) {
    static int next_id = 0;
    const int id = ++next_id;
    pending()[id] = std::move(done);
    nlohmann::json headers = nlohmann::json::object();
    for (const auto& [name, value] : request.headers) headers[name] = value;
    web_fetch_start(id, request.method.c_str(), request.url.c_str(), headers.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace).c_str(), request.body.data(),
                    static_cast<int>(request.body.size()), request.timeout_ms, static_cast<double>(request.max_bytes));
}

}  // namespace elder

extern "C" EMSCRIPTEN_KEEPALIVE void elder_web_fetch_done(int id, int status, char* body, int body_length, char* headers,
                                                          int headers_length, char* error, int error_length) {
    elder::WebFetchResult result;
    result.status = status;
    result.body = elder::take(body, body_length);
    result.headers = elder::take(headers, headers_length);
    result.error = elder::take(error, error_length);
    auto& calls = elder::pending();
    const auto it = calls.find(id);
    if (it == calls.end()) return;
    auto done = std::move(it->second);
    calls.erase(it);
    done(std::move(result));
}
