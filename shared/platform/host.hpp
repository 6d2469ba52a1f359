#pragma once
// The SDL2 + OpenGL ES + Dear ImGui host around the App, shared by the TV app and the kiosk.
// The loop itself differs per platform: run_native.cpp and run_web.cpp.
#include <ctime>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SDL.h>

#include "accessibility.hpp"
#include "effect_runner.hpp"
#include "fonts.hpp"
#include "gl_renderer.hpp"
#include "keymap.hpp"
#include "text_agent.hpp"
#include "ui/app.hpp"

namespace elder {

struct HostOptions {
    std::string title = "社区服务";
    int width = 1920, height = 1080;
    bool fullscreen = false;
    std::string screenshot_path;  // native: PNG of the last drawn frame, written when the app exits
    bool screenshot_every_frame = false;  // native: ... and rewritten after every drawn frame (journey tests)
    std::string report_path;      // native: JSON state + semantics tree, rewritten after each drawn frame
    int exit_after_frames = 0;    // native: quit after this many drawn frames (0: run until closed)
    std::string data_dir;         // native: the offline cache's folder ("" for the default)
    std::string keymap_path;      // "" for <assets>/keymaps/default.json
    std::string speech_log;       // native: record speech to this file instead of speaking (tests)
    std::string speech_wav;       // native: espeak-ng's samples to this WAV file instead of the speaker
    std::optional<std::time_t> clock_start;  // tests: the wall clock starts at this instant (--clock-start)
};

// One GL context a platform can run on: the ES major version asked of SDL (on emscripten 3 makes
// a WebGL 2 context, 2 a WebGL 1 one) and its name in the report ("gles2", "webgl2", "webgl1").
struct GlFlavour {
    int major = 2;
    const char* name = "gles2";
};
// The contexts a platform tries, best first, on the same window. The renderer (gl_renderer.hpp)
// speaks GLES 2 everywhere (GLSL ES 1.00, which WebGL 2 also runs), so any of them draws the same.
struct GlRequest {
    std::vector<GlFlavour> flavours{GlFlavour{}};
};

class Host {
public:
    bool start(const HostOptions& options, const AppParams& params, const GlRequest& gl, std::string& error);
    void stop();

    // Feeds one SDL event to ImGui and the app; returns false when the app should quit.
    bool handle(const SDL_Event& event);
    // Hands the services' answers to the app and its new effects to the services. Never waits.
    void pump();
    // How long the loop may wait for an event before it must run again (ms, >= 0).
    int next_deadline_ms() const;
    // Draws one frame if the app or the clock asks for it; returns true if it drew.
    bool draw_if_needed();

    App& app() { return app_; }
    // A screen reader activated the mirrored item `id` (browsers): as a tap on it.
    void activate(const std::string& id);
    // The app's report plus how long the loop's steps took (the longest must stay far below a frame)
    // and the GL context that draws ("gl": "webgl2", "webgl1" or "gles2").
    nlohmann::json report() const;
    SDL_Window* window() { return window_; }
    double first_frame_ms() const { return first_frame_ms_; }
    // Called after each frame is rendered and before it is shown (screenshots).
    std::function<void(int fb_width, int fb_height)> after_render;

private:
    void draw(const CivilTime& now);

    App app_;
    FontSet fonts_;
    Keymap keymap_;
    std::unique_ptr<TextAgent> text_agent_;
    AccessibilityMirror mirror_;
    std::unique_ptr<EffectRunner> runner_;
    double longest_update_ms_ = 0, longest_frame_ms_ = 0;
    long updates_ = 0;
    Uint32 wake_event_ = 0;
    SDL_Window* window_ = nullptr;
    SDL_GLContext gl_ = nullptr;
    GlRenderer renderer_;
    bool renderer_ready_ = false;
    std::string gl_name_;  // the flavour that runs (GlFlavour::name)
    int last_minute_ = -1;
    int input_frames_owed_ = 0;  // frames ImGui may still need for the input forwarded to it
    Uint32 last_queued_ = 0;     // the SDL event type last forwarded as ImGui input since the last frame
    double first_frame_ms_ = -1;
};

}  // namespace elder
