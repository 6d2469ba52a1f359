#pragma once
// Everything a page needs to draw one frame. Pages read state and emit actions; they change nothing.
#include <vector>

#include <imgui.h>

#include "core/actions.hpp"
#include "core/date_text.hpp"
#include "core/i18n.hpp"
#include "core/state.hpp"
#include "core/surface.hpp"
#include "semantics.hpp"
#include "theme.hpp"

namespace elder {

struct PageContext {
    const State& state;
    const Catalogue& strings;
    const SurfaceProfile& profile;
    const Palette& palette;
    ImFont* font;
    SemanticsTree& tree;
    std::vector<Action>& actions;  // emitted this frame by taps and clicks
    bool show_focus;               // draw the focus ring (always on TV, after key input elsewhere)
    CivilTime now;
    ImVec2 display;                // display size in layout units

    // The content area: the display minus the surface's safe area.
    Rect content() const {
        return {profile.safe_x, profile.safe_y, display.x - 2 * profile.safe_x, display.y - 2 * profile.safe_y};
    }
};

}  // namespace elder
