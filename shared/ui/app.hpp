#pragma once
// The app as the platform runners see it: feed it input, ask it to draw, read its state.
// Needs a current ImGui context; knows nothing of SDL, GL or the browser.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <set>
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
#include "glyph_coverage.hpp"
#include "semantics.hpp"
#include "theme.hpp"

namespace elder {

struct AppParams {
    AppConfig config;                   // server, device, surface, language
    std::string assets_dir = "assets";  // holds strings/, fonts/ and keymaps/ (read by the host)
};

// What the host loads and hands in (platform/assets.hpp): the app reads no files.
struct AppAssets {
    Catalogue strings_zh, strings_en;
    ImFont* font = nullptr;  // in the current ImGui context
};

class App {
public:
    // Takes the configuration and the assets the host loaded (in the current ImGui context).
    void init(const AppParams& params, AppAssets assets);

    // Starts the data flow: settings and the offline cache first, then the server (effects follow).
    void start();
    // Opens the page the configuration names (a scanned QR code's ?open=, the TV's --open), once the
    // offline copy and the saved account are read: what the page does on opening depends on them.
    void open_start_page();
    void on_key(RemoteKey key);
    void on_pointer_input();  // touch or mouse used: hide the focus ring where the surface allows
    void on_text(const char* utf8);  // typed text (browser keyboards): letters go to the initials search
    // The clock (ms since start), each time the loop wakes: a kiosk's visit ends when nobody has
    // touched the screen for the idle time (with a warning 20 s before; session_reducer.cpp).
    void tick(double now_ms);
    // Milliseconds until the app wants to run again (0: a frame is due; a kiosk visit's next
    // moment), or -1 for nothing. The host adds its services' timers and the clock's next minute.
    int next_deadline_ms() const;
    void note_activity();  // the visitor touched, typed or pressed something
    // Performs the action of the focusable item `id` of the last frame, as a tap would (screen
    // readers activate items through the browser's mirror of the tree); false if there is none.
    bool activate(const std::string& id);
    // The last frame was a modal page of its own: a severe alert or the kiosk's idle warning.
    bool showing_dialog() const { return interrupting_alert(state_) != nullptr || state_.visit.warning_seconds >= 0; }
    // Nobody is using the kiosk (its attract screen after a visit): a new version may take over.
    bool between_visitors() const;
    void invalidate() { pending_frames_ = 2; }  // ImGui settles hover/press state over two frames
    void redraw_once() { pending_frames_ = std::max(pending_frames_, 1); }  // nothing to settle: the clock
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
    const Palette& palette() const { return palette_for(state_.settings.high_contrast); }
    long frames_drawn() const { return frames_drawn_; }
    // The characters the last frame drew as a box, with no glyph in any loaded font (the host
    // loads the font tier that holds them, then calls fonts_changed()).
    const std::set<std::uint32_t>& missing_glyphs() const { return glyphs_.missing(); }
    void fonts_changed();
    // Where the platform's text input should be (over the keyword box, holding `text`) while the
    // resident types; nothing when no typing is going on.
    struct TextEdit {
        Rect rect;
        std::string text;
    };
    std::optional<TextEdit> text_edit() const;

    // State, data freshness and semantics tree as JSON, for tests and diagnostics.
    nlohmann::json report() const;

private:
    void pointer_scroll();
    void scroll_by(float delta);
    // How far what is on screen is scrolled: the page, or the overlay over it.
    bool overlay_up() const;
    float scrolled() const;
    void scroll_to(float offset);
    void follow_focus();
    void focus_on(int index);  // focus the index-th focusable item of the last frame (remembered by its id)
    void keep_focus();
    void scroll_by_rows(float delta);  // key scrolling: stops at a whole line
    float snap_to_row(float target) const;
    float row_aligned_max(float max) const;
    float snap_forward(float target) const;
    void focus_in_view();
    void blank_out(const std::vector<Rect>& cuts, float bottom) const;
    void speak_focused();
    bool keypad_on_screen() const;
    std::vector<std::string> page_sentences() const;       // a kiosk with a visitor's session to end
    nlohmann::json account_report() const;

    AppParams params_;
    Catalogue strings_zh_, strings_en_;
    ImFont* font_ = nullptr;
    GlyphCoverage glyphs_;
    State state_;
    SurfaceProfile profile_;
    const Palette* styled_palette_ = nullptr;  // the palette ImGui's style was last set from
    ImVec2 display_{0, 0};
    SemanticsTree tree_;
    std::vector<Action> pending_actions_;
    std::vector<Effect> effects_;
    bool keyboard_mode_ = false;
    bool follow_focus_ = false;  // focus moved by keys: scroll it into view after the next frame
    bool keys_scrolled_ = false; // keys scrolled the page: keep the focus on something in view
    Route last_drawn_route_;
    Route last_measured_route_;  // the page max_scroll_ was measured on
    int pending_frames_ = 2;
    long frames_drawn_ = 0;
    float max_scroll_ = 0;       // of the page last drawn
    float overflow_ = 0;         // how far it goes on below its area (without the 下面还有 line)
    std::int64_t measured_overlay_ = -1;  // the overlay (alert id, 0 the idle warning, -1 none) measured with it
    float drawn_scroll_ = 0;     // the scroll offset the last frame was drawn at
    // What a change of layout in place shows in: the page's height, where its scrolled part starts,
    // how many nodes it has.
    struct Layout {
        float height = 0, top = 0;
        size_t nodes = 0;
        bool operator==(const Layout& o) const {  // (heights are sums with the scroll offset: a rounding apart)
            return std::fabs(height - o.height) < 0.5f && std::fabs(top - o.top) < 0.5f && nodes == o.nodes;
        }
    };
    Layout layout_;
    bool resnap_ = false;        // the layout changed: snap to whole rows once drawn where the page stands

    // Touch and mouse scrolling: a drag moves the page, a flick keeps it moving for a moment.
    struct Drag {
        bool active = false, moved = false;
        float start_y = 0, start_offset = 0, last_y = 0;
    } drag_;
    float velocity_ = 0;         // px/s of the finger while dragging, then of the coasting page
    bool drag_ended_moved_ = false;
    // An overlay (a severe alert, the idle warning) taller than the screen (the largest text on a
    // TV) scrolls by itself, leaving the page underneath as it was; each new one starts at its top.
    float overlay_scroll_ = 0;
    std::int64_t overlay_shown_ = -1;  // the alert's id; 0 for the idle warning, -1 for none
};

}  // namespace elder
