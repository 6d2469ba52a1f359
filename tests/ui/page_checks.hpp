#pragma once
// ACCESSIBILITY.md as checks over the semantics tree of whatever page is on screen, for every
// surface; shared by the home and page tests.
#include <string>

#include "headless_ui.hpp"

namespace elder::test {

struct SurfaceCase {
    Surface surface;
    float w, h;
    float min_body, min_heading, min_target_w, min_target_h, safe_x, safe_y;
};

// TV 1080p and 720p, kiosk portrait and landscape, browser phone and desktop.
const std::vector<SurfaceCase>& surface_cases();
std::string describe(const SurfaceCase& c);

// Text sizes (scaled by the resident's text size), contrast (>= 12:1 in high contrast), target
// sizes, every visible node inside the safe area (browsers: inside the width), and text boxes
// drawn as boxes (the page's colour), never as buttons.
void check_numbers(const HeadlessUi& ui, const SurfaceCase& c);

// Every focusable item can be reached from the focused one with arrow keys alone (a search over
// the moves the app itself makes).
void check_reachable_by_arrows(const HeadlessUi& ui);

const SemNode* find_node(const App& app, const std::string& id);

// Nothing under the pinned title bar is cut in half at its top edge: a row starts there, or the
// edge falls between two lines of a long paragraph.
void check_no_row_cut_at_the_top(const App& app);
// Nothing is sliced at the bottom edge: every row that shows fits whole above it, and a row across
// it is left out (not visible, painted over in the page's colour); 下面还有 says the page goes on.
void check_no_row_cut_at_the_bottom(const HeadlessUi& ui);

// Whether the last frame drew the focus ring around `r`: vertices in the ring's colour on all four
// sides just outside it (what an eye sees, not what the semantics tree says).
bool focus_ring_drawn(const HeadlessUi& ui, const Rect& r);
// Whether the last frame drew anything in `colour` (a hover tint, a "selected" fill).
bool colour_drawn(const HeadlessUi& ui, Rgb colour);
// Whether the last frame drew an outline in `colour` on all four edges of `r` (within a few px).
bool outline_drawn(const HeadlessUi& ui, const Rect& r, Rgb colour);

}  // namespace elder::test
