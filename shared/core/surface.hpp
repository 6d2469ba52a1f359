#pragma once
// Surface profiles: the layout numbers of each kind of screen (see ../shared/handbook/ACCESSIBILITY.md).
// Screens read these numbers; they never ask which platform they run on.
#include <optional>
#include <string_view>

namespace elder {

enum class Surface { Tv, Kiosk, Browser };

struct SurfaceProfile {
    Surface surface = Surface::Tv;
    float body_px = 40;           // default body text
    float heading_px = 56;        // page and section headings
    float tile_label_px = 64;     // the word on a home tile
    float min_target_w = 120;     // smallest focusable / touchable item
    float min_target_h = 120;
    float safe_x = 96, safe_y = 54;  // overscan margin kept free of content
    float gap = 32;               // space between tiles
    float focus_ring_px = 8;
    bool focus_ring_always = true;  // false: shown only after key input (touch screens)
    int home_columns = 4;
    float max_content_w = 0;      // > 0: pages are a centred column no wider (comfortable line length)
};

// `text_scale` (the resident's text size, settings.hpp) enlarges text; targets and margins stay.
SurfaceProfile make_profile(Surface surface, float width, float height, float text_scale = 1.0f);

std::optional<Surface> parse_surface(std::string_view name);  // "tv", "kiosk", "browser"
std::string_view surface_name(Surface surface);

}  // namespace elder
