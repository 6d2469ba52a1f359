#pragma once
// The app as the platform runners see it: feed it input, ask it to draw, read its state.
// Needs a current ImGui context; knows nothing of SDL, GL or the browser.
#include <string>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/app_config.hpp"
#include "core/date_text.hpp"
#include "core/effects.hpp"
#include "core/i18n.hpp"
#include "core/remote_keys.hpp"
#include "core/state.hpp"
#include "core/surface.hpp"
#include "semantics.hpp"

namespace elder {

struct AppParams {
    AppConfig config;                   // server, device, surface, language
    std::string assets_dir = "assets";  // holds strings/ and fonts/
};

class App {
public:
    // Loads strings and the font into the current ImGui context. On failure returns false and a
    // sentence for the operator in `error`.
    bool init(const AppParams& params, std::string& error);

    // Starts the data flow: the offline cache first, then the server (effects to run follow).
    void start();
    void on_key(RemoteKey key);
    void on_pointer_input();  // touch or mouse used: hide the focus ring where the surface allows
    void invalidate() { pending_frames_ = 2; }  // ImGui settles hover/press state over two frames
    bool needs_frame() const { return pending_frames_ > 0; }

    // Draws the whole display for the current state; call between ImGui::NewFrame and ImGui::Render.
    void frame(const CivilTime& now);

    // Runs an action through the reducer; the answers of platform services come in here too.
    void dispatch(const Action& action);
    // Effects produced since the last call, for the platform's effect runner.
    std::vector<Effect> take_effects();

    const State& state() const { return state_; }
    const SemanticsTree& semantics() const { return tree_; }
    const SurfaceProfile& profile() const { return profile_; }
    long frames_drawn() const { return frames_drawn_; }
    // State, data freshness and semantics tree as JSON, for tests and diagnostics.
    nlohmann::json report() const;

private:
    void speak_focused();

    AppParams params_;
    Catalogue strings_;
    ImFont* font_ = nullptr;
    State state_;
    SurfaceProfile profile_;
    ImVec2 display_{0, 0};
    SemanticsTree tree_;
    std::vector<Action> pending_actions_;
    std::vector<Effect> effects_;
    bool keyboard_mode_ = false;
    int pending_frames_ = 2;
    long frames_drawn_ = 0;
};

}  // namespace elder
