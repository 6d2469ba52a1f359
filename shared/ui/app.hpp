#pragma once
// The app as the platform runners see it: feed it input, ask it to draw, read its state.
// Needs a current ImGui context; knows nothing of SDL, GL or the browser.
#include <string>
#include <vector>

#include <imgui.h>

#include "core/date_text.hpp"
#include "core/i18n.hpp"
#include "core/remote_keys.hpp"
#include "core/state.hpp"
#include "core/surface.hpp"
#include "semantics.hpp"

namespace elder {

struct AppParams {
    Surface surface = Surface::Tv;
    std::string assets_dir = "assets";  // holds strings/ and fonts/
    std::string language = "zh-CN";
};

class App {
public:
    // Loads strings and the font into the current ImGui context. On failure returns false and a
    // sentence for the operator in `error`.
    bool init(const AppParams& params, std::string& error);

    void on_key(RemoteKey key);
    void on_pointer_input();  // touch or mouse used: hide the focus ring where the surface allows
    void invalidate() { pending_frames_ = 2; }  // ImGui settles hover/press state over two frames
    bool needs_frame() const { return pending_frames_ > 0; }

    // Draws the whole display for the current state; call between ImGui::NewFrame and ImGui::Render.
    void frame(const CivilTime& now);

    const State& state() const { return state_; }
    const SemanticsTree& semantics() const { return tree_; }
    const SurfaceProfile& profile() const { return profile_; }
    long frames_drawn() const { return frames_drawn_; }
    // State and semantics tree as JSON, for tests and diagnostics.
    std::string report_json() const;

private:
    void dispatch(const Action& action);

    AppParams params_;
    Catalogue strings_;
    ImFont* font_ = nullptr;
    State state_;
    SurfaceProfile profile_;
    ImVec2 display_{0, 0};
    SemanticsTree tree_;
    std::vector<Action> pending_actions_;
    bool keyboard_mode_ = false;
    int pending_frames_ = 2;
    long frames_drawn_ = 0;
};

}  // namespace elder
