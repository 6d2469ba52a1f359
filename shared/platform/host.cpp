#include "host.hpp"

#include <SDL_opengles2.h>

#include <algorithm>

#include <imgui_impl_sdl2.h>

#include "assets.hpp"
#include "chime.hpp"
#include "clock.hpp"
#include "font_files.hpp"
#include "keymap.hpp"
#include "ui/theme.hpp"

namespace elder {
namespace {

// Whether ImGui_ImplSDL2_ProcessEvent queues ImGui input for this event (other window events only
// update the backend's own state; a left window becomes a mouse position at its next frame).
bool queues_imgui_input(const SDL_Event& event) {
    switch (event.type) {
        case SDL_MOUSEMOTION:
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
        case SDL_MOUSEWHEEL:
        case SDL_KEYDOWN:
        case SDL_KEYUP:
        case SDL_TEXTINPUT:
            return true;
        case SDL_WINDOWEVENT:
            return event.window.event == SDL_WINDOWEVENT_FOCUS_GAINED || event.window.event == SDL_WINDOWEVENT_FOCUS_LOST ||
                   event.window.event == SDL_WINDOWEVENT_LEAVE;
        default:
            return false;
    }
}

}  // namespace

bool Host::start(const HostOptions& options, const AppParams& params, const GlRequest& gl, std::string& error) {
    if (options.clock_start) start_clock_at(*options.clock_start);
    const std::string keymap = options.keymap_path.empty() ? params.assets_dir + "/keymaps/default.json" : options.keymap_path;
    if (!keymap_.load(keymap, error)) return false;  // before any window: a broken keymap is said plainly
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        error = std::string("cannot start SDL video: ") + SDL_GetError();
        return false;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.flavours.front().major);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    // ImGui draws flat triangles in order: no depth or stencil buffer, which would cost a set-top
    // box's memory (a 1080p depth buffer is 4-8 MB) and a software renderer's time.
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    Uint32 flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                               options.width, options.height, flags);
    if (!window_) {
        error = std::string("cannot open a window: ") + SDL_GetError();
        return false;
    }
    // The best context the device gives: a browser without WebGL 2 (blocklisted GPU, old phone)
    // still has WebGL 1. Each refusal is kept for the error that ends the start when none works.
    std::string refused;
    for (const GlFlavour& flavour : gl.flavours) {
        SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, flavour.major);
        gl_ = SDL_GL_CreateContext(window_);
        if (gl_) {
            gl_name_ = flavour.name;
            break;
        }
        refused += std::string(refused.empty() ? "" : "; ") + flavour.name + ": " + SDL_GetError();
    }
    if (!gl_) {
        error = "cannot create an OpenGL ES context (" + refused + ")";
        return false;
    }
    SDL_GL_MakeCurrent(window_, gl_);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;  // nothing written to disk behind the resident's back
    if (!renderer_.init(error)) return false;  // before the font: it chooses the atlas's format
    renderer_ready_ = true;
    AppAssets assets;
    if (!load_assets(params.assets_dir, assets, fonts_, error)) return false;
    fonts_.set_loader(make_font_file_loader(params.assets_dir));
    app_.init(params, std::move(assets));
    ImGui_ImplSDL2_InitForOpenGL(window_, gl_);

    ServiceOptions services;
    services.server_url = params.config.server_url;
    services.storage_dir = options.data_dir;
    services.speech.language = params.config.language;
    services.speech.log_path = options.speech_log;
    services.speech.wav_path = options.speech_wav;
    // Answers arrive on worker threads; an event ends the loop's wait so that they are taken at once.
    wake_event_ = SDL_RegisterEvents(1);
    runner_ = std::make_unique<EffectRunner>(services, [type = wake_event_] {
        SDL_Event event{};
        event.type = type;
        SDL_PushEvent(&event);
    });
    text_agent_ = make_text_agent();
    app_.start();
    pump();  // the offline copy is read before the first frame, so it is what the first frame shows
    app_.open_start_page();
    pump();
    return true;
}

void Host::pump() {
    const double start = ms_since_start();
    if (fonts_.merge_arrived()) app_.fonts_changed();  // a tier fetched for a character on screen
    app_.tick(start);  // a kiosk's idle timer
    if (auto text = text_agent_->take_text()) {
        app_.note_activity();
        app_.dispatch(SetFieldText{*text});
    }
    if (text_agent_->take_closed()) app_.dispatch(EndEditing{});
    // Effects may answer at once (cache reads); a few rounds settle them within this step.
    for (int round = 0; round < 4; ++round) {
        const std::vector<Action> actions = runner_->poll();
        for (const Action& action : actions) app_.dispatch(action);
        const std::vector<Effect> effects = app_.take_effects();
        for (const Effect& effect : effects) {
            if (std::holds_alternative<Chime>(effect)) play_chime();
            else runner_->run(effect);
        }
        if (actions.empty() && effects.empty()) break;
    }
    longest_update_ms_ = std::max(longest_update_ms_, ms_since_start() - start);
    ++updates_;
}

void Host::activate(const std::string& id) {
    app_.note_activity();
    app_.activate(id);
}

// One deadline for the loop's wait: a frame due, the kiosk visit, the services' timers (retries,
// refreshes), and the clock on screen, whose next minute is the only reason to wake when nothing happens.
int Host::next_deadline_ms() const {
    int wait = ms_to_next_minute();
    for (const int d : {app_.next_deadline_ms(), runner_->ms_until_next_timer()})
        if (d >= 0) wait = std::min(wait, d);
    return wait;
}

nlohmann::json Host::report() const {
    nlohmann::json out = app_.report();
    out["fonts"] = fonts_.report();
    // A font file on its way will draw the page again: what is on screen is not final yet.
    out["fonts_pending"] = fonts_.pending();
    out["gl"] = gl_name_;
    out["loop"] = {{"longest_update_ms", longest_update_ms_}, {"longest_frame_ms", longest_frame_ms_},
                   {"updates", updates_}};
    return out;
}

void Host::stop() {
    runner_.reset();  // ends the service threads while SDL is still up for their wake-ups
    if (ImGui::GetCurrentContext()) {
        if (renderer_ready_) renderer_.shutdown();
        if (ImGui::GetIO().BackendPlatformUserData) ImGui_ImplSDL2_Shutdown();
        ImGui::DestroyContext();
    }
    if (gl_) SDL_GL_DeleteContext(gl_);
    if (window_) SDL_DestroyWindow(window_);
    SDL_Quit();
}

bool Host::handle(const SDL_Event& event) {
    if (event.type == wake_event_) return true;  // only ends the wait; pump() takes the answers
    // While the resident types into the browser's input, keys are text, not remote keys.
    if (text_agent_->active() && (event.type == SDL_KEYDOWN || event.type == SDL_KEYUP || event.type == SDL_TEXTINPUT))
        return true;
    if (ImGui_ImplSDL2_ProcessEvent(&event) && queues_imgui_input(event)) {
        // Each event ImGui queued may need a frame of its own (see draw()), except where ImGui's
        // trickling never splits: moves in a row, a mouse (not touch) button after a move, and the
        // text of a key press (split only for an ImGui text field, which wants text input).
        const bool shares_frame =
            (event.type == SDL_MOUSEMOTION && last_queued_ == SDL_MOUSEMOTION) ||
            ((event.type == SDL_MOUSEBUTTONDOWN || event.type == SDL_MOUSEBUTTONUP) && last_queued_ == SDL_MOUSEMOTION &&
             event.button.which != SDL_TOUCH_MOUSEID) ||
            (event.type == SDL_TEXTINPUT && last_queued_ == SDL_KEYDOWN && !ImGui::GetIO().WantTextInput);
        if (!shares_frame) ++input_frames_owed_;
        last_queued_ = event.type;
    }
    switch (event.type) {
        case SDL_QUIT:
            return false;
        case SDL_KEYDOWN:
            if (auto key = keymap_.remote_key_for(event.key.keysym.sym)) {
                if (*key == RemoteKey::Next && (event.key.keysym.mod & KMOD_SHIFT)) key = RemoteKey::Previous;
                app_.on_key(*key);
            }
            else app_.invalidate();
            break;
        case SDL_TEXTINPUT:
            app_.on_text(event.text.text);
            break;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEWHEEL:
        case SDL_FINGERDOWN:
            app_.on_pointer_input();
            break;
        default:  // motion (hover), button release, window changes: redraw, nothing else
            app_.invalidate();
            break;
    }
    return true;
}

bool Host::draw_if_needed() {
    const CivilTime now = community_now(static_cast<int>(app_.state().data.site.value.utc_offset_minutes));
    if (now.minute != last_minute_) {  // the clock on the home page changes once a minute
        last_minute_ = now.minute;
        app_.redraw_once();
    }
    if (!app_.needs_frame()) return false;
    draw(now);
    return true;
}

void Host::draw(const CivilTime& now) {
    const double start = ms_since_start();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    app_.frame(now);
    ImGui::Render();
    mirror_.update(app_.semantics(), app_.showing_dialog(), app_.state().settings.language);
    // The text agent follows the keyword box (it moves when the page scrolls).
    if (const auto edit = app_.text_edit()) text_agent_->show(edit->rect, edit->text);
    else text_agent_->hide();
    // ImGui hands queued input to frames one step at a time (a tap's move, press and release land in
    // successive frames); keep drawing until it has taken all of it or a quick tap would be lost.
    // Every frame takes at least the next input forwarded in handle() and finishes one it started,
    // so one frame per input counted there is enough; when nothing arrives, nothing is owed.
    last_queued_ = 0;
    if (input_frames_owed_ > 0 && --input_frames_owed_ > 0) app_.invalidate();

    const ImGuiIO& io = ImGui::GetIO();
    const int fb_w = static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x);
    const int fb_h = static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y);
    const Rgb bg = app_.palette().background;
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(bg.r / 255.f, bg.g / 255.f, bg.b / 255.f, 1.f);
    glClear(GL_COLOR_BUFFER_BIT);
    renderer_.render(*ImGui::GetDrawData());
    if (after_render) after_render(fb_w, fb_h);
    SDL_GL_SwapWindow(window_);
    // Characters this frame drew as boxes: ask for their tier (the TV reads it at once, and the
    // next frame draws them; the browser's arrives later through pump()).
    fonts_.want(app_.missing_glyphs(), ms_since_start());
    if (fonts_.merge_arrived()) app_.fonts_changed();
    if (first_frame_ms_ < 0) first_frame_ms_ = ms_since_start();
    else longest_frame_ms_ = std::max(longest_frame_ms_, ms_since_start() - start);  // the first one loads the font
}

}  // namespace elder
