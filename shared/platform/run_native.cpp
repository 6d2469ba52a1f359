#include <algorithm>
#include <cstdio>
#include <fstream>

#include "clock.hpp"
#include "frame_grabber.hpp"
#include "run.hpp"

namespace elder {
namespace {

void write_report(const std::string& path, const std::string& json) {
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << json;
        if (!out) return;
    }
    std::rename(tmp.c_str(), path.c_str());  // readers never see half a report
}

}  // namespace

int run_app(const HostOptions& options, const AppParams& params) {
    Host host;
    std::string error;
    if (!host.start(options, params, GlRequest{{{2, "gles2"}}}, error)) {
        std::fprintf(stderr, "elder-tvapp: %s\n", error.c_str());
        host.stop();
        return 2;
    }
    FrameGrabber grabber;
    if (!options.screenshot_path.empty()) host.after_render = [&](int w, int h) { grabber.grab(w, h); };

    bool running = true;
    while (running) {
        SDL_Event event;
        if (SDL_WaitEventTimeout(&event, host.next_deadline_ms())) {
            running = host.handle(event);
            while (running && SDL_PollEvent(&event)) running = host.handle(event);
        }
        if (running) host.pump();
        if (!running || !host.draw_if_needed()) continue;
        if (host.app().frames_drawn() == 1)
            std::fprintf(stderr, "elder-tvapp: first frame after %.0f ms\n", host.first_frame_ms());
        // The screenshot first: a test that sees the report of a frame finds that frame's picture.
        if (options.screenshot_every_frame && !options.screenshot_path.empty()) {
            const std::string tmp = options.screenshot_path + ".tmp.png";
            if (grabber.save_png(tmp, error)) std::rename(tmp.c_str(), options.screenshot_path.c_str());
        }
        if (!options.report_path.empty()) write_report(options.report_path, host.report().dump());
        if (options.exit_after_frames > 0 && host.app().frames_drawn() >= options.exit_after_frames) running = false;
    }

    int status = 0;
    if (!options.screenshot_path.empty() && !grabber.save_png(options.screenshot_path, error)) {
        std::fprintf(stderr, "elder-tvapp: screenshot: %s\n", error.c_str());
        status = 1;
    }
    host.stop();
    return status;
}

}  // namespace elder
