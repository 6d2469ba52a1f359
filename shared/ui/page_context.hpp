#pragma once
// Everything a page needs to draw one frame. Pages read state and emit actions; they change nothing.
#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/actions.hpp"
#include "core/date_text.hpp"
#include "core/i18n.hpp"
#include "core/state.hpp"
#include "core/surface.hpp"
#include "glyph_coverage.hpp"
#include "semantics.hpp"
#include "theme.hpp"

namespace elder {

struct PageContext {
    const State& state;
    const Catalogue& strings;
    const SurfaceProfile& profile;
    const Palette& palette;
    ImFont* font;
    GlyphCoverage& glyphs;         // notes the characters the fonts could not draw
    SemanticsTree& tree;
    std::vector<Action>& actions;  // emitted this frame by taps and clicks
    bool show_focus;               // draw the focus ring (always on TV, after key input elsewhere)
    CivilTime now;
    ImVec2 display;                // display size in layout units
    float scroll = 0;              // how far the page is scrolled: pages draw at y - scroll
    int focus = 0;                 // index of the focused item among this frame's focusable nodes ...
    std::string focus_id;          // ... and its node id, which wins when known
    float content_height = 0;      // set by the page: how tall its content is (for scrolling)
    std::string_view site_url;     // where phones open the browser build (the community server's address)
    float pinned_bottom = 0;       // the bottom of a pinned title bar (0: the whole page scrolls)
    float reserve_bottom = 0;      // kept free at the bottom of the view for the 下面还有 line

    // The community's zone (from the site) and server times worded in it: "今天 晚上9:32（3分钟前）".
    int utc_offset() const { return static_cast<int>(state.data.site.value.utc_offset_minutes); }
    std::string moment(std::string_view iso) const { return format_moment(strings, iso, now, utc_offset()); }
    std::string time_range(std::string_view start, std::string_view end) const {
        return format_time_range(strings, start, end, now, utc_offset());
    }

    // The key of a string worded for how residents act on this surface ("form.tap_to_type.touch":
    // 点这里填写), or `key` itself when it is the same everywhere.
    std::string acting(const std::string& key) const {
        const std::string worded = key + "." + profile.can.acts_by;
        return strings.has(worded) ? worded : key;
    }

    // Whether the focusable node `id`, the `index`-th of this frame, is the focused one.
    bool is_focused(const std::string& id, int index) const { return focus_id.empty() ? index == focus : id == focus_id; }

    // The content area: the display minus the surface's safe area.
    Rect content() const {
        Rect r{profile.safe_x, profile.safe_y, display.x - 2 * profile.safe_x, display.y - 2 * profile.safe_y};
        if (profile.max_content_w > 0 && r.w > profile.max_content_w) {  // a centred column on wide screens
            r.x += (r.w - profile.max_content_w) / 2;
            r.w = profile.max_content_w;
        }
        return r;
    }
    // Where the scrolled part of the page shows: below a pinned title bar (if any), above the
    // 下面还有 line (if shown).
    Rect scroll_area() const {
        const Rect c = content();
        const float y = pinned_bottom > 0 ? pinned_bottom : c.y;
        return {c.x, y, c.w, std::max(0.0f, c.bottom() - reserve_bottom - y)};
    }
    // Where a page's content starts on screen, given how far it is scrolled.
    float top() const { return content().y - scroll; }
    // A page calls this with the bottom of what it drew (screen coordinates).
    void end_page(float bottom) { content_height = bottom - (scroll_area().y - scroll); }
};

}  // namespace elder
