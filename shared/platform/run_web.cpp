#include <emscripten/emscripten.h>

#include "run.hpp"

namespace elder {
namespace {

Host* g_host = nullptr;

// The page shell (web/kiosk.js) shows progress, errors and readiness; these call into it.
EM_JS(void, shell_app_ready, (double first_frame_ms), {
    if (Module.onAppReady) Module.onAppReady(first_frame_ms);
});
EM_JS(void, shell_fatal_error, (const char* message), {
    if (Module.onFatalError) Module.onFatalError(UTF8ToString(message));
});

// Whether nobody is using the app (a kiosk between visitors), said on every change: the shell lets a
// waiting new version take over only then, never in the middle of someone's booking.
EM_JS(void, shell_between_visitors, (int between), {
    if (Module.onBetweenVisitors) Module.onBetweenVisitors(between !== 0);
});

// The shell made the page's WebGL context before downloading the app (web/kiosk-shell.js), the best
// the browser gives; the app takes it as it is (GL_PREINITIALIZED_CONTEXT) and only names it.
EM_JS(int, shell_webgl_version, (), {
    return Module.webglVersion || 2;
});

void main_loop() {
    static int said_between = -1;
    SDL_Event event;
    while (SDL_PollEvent(&event)) g_host->handle(event);
    g_host->pump();  // answers of fetch, EventSource and timers; cheap when there are none
    // Skipping a frame leaves the last one on screen: an idle page costs no GPU work.
    if (g_host->draw_if_needed() && g_host->app().frames_drawn() == 1) shell_app_ready(g_host->first_frame_ms());
    const int between = g_host->app().between_visitors() ? 1 : 0;
    if (g_host->app().frames_drawn() > 0 && between != said_between) shell_between_visitors(said_between = between);
}

}  // namespace

int run_app(const HostOptions& options, const AppParams& params) {
    static Host host;  // lives for the page's lifetime; the browser loop never returns
    std::string error;
    const GlFlavour flavour = shell_webgl_version() == 1 ? GlFlavour{2, "webgl1"} : GlFlavour{3, "webgl2"};
    if (!host.start(options, params, GlRequest{{flavour}}, error)) {
        shell_fatal_error(error.c_str());
        return 2;
    }
    g_host = &host;
    emscripten_set_main_loop(main_loop, 0, true);
    return 0;
}

}  // namespace elder

// A screen reader activated a mirrored item (web/a11y-mirror.js): the same as a tap on it.
extern "C" EMSCRIPTEN_KEEPALIVE void elder_activate(const char* id) {
    if (elder::g_host && id) elder::g_host->activate(id);
}

// For tests and diagnostics: the app's state and semantics tree as JSON.
extern "C" EMSCRIPTEN_KEEPALIVE const char* elder_report_json() {
    static std::string report;
    report = elder::g_host ? elder::g_host->report().dump() : "{}";
    return report.c_str();
}
