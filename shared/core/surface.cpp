#include "surface.hpp"

#include <algorithm>

namespace elder {

namespace {

// TV numbers are set for 1920x1080; a box that outputs 720p (or 4K) gets the same layout scaled,
// which keeps text at or above Opera TV's 22 px at 720p.
SurfaceProfile scaled(SurfaceProfile p, float s) {
    for (float* v : {&p.body_px, &p.heading_px, &p.tile_label_px, &p.min_target_w, &p.min_target_h, &p.safe_x,
                     &p.safe_y, &p.gap, &p.focus_ring_px})
        *v *= s;
    return p;
}

}  // namespace

Capabilities capabilities_of(Surface surface) {
    Capabilities c;
    switch (surface) {
        case Surface::Tv:  // a set-top box in a home, driven by its remote
            c.device_kind = "stb";
            c.acts_for_household = true;
            c.remote_control = true;
            break;
        case Surface::Kiosk:  // a touch screen in a 24-hour service centre, used by one visitor after another
            c.device_kind = "kiosk";
            c.signs_in_residents = true;
            c.visitor_sessions = true;
            c.printer = true;
            c.free_text = true;  // names and messages through the system's on-screen keyboard
            c.acts_by = "touch";
            break;
        case Surface::Browser:  // the resident's own phone or computer
            c.signs_in_residents = true;
            c.keeps_account = true;
            c.printer = true;
            c.keyboard = true;
            c.free_text = true;
            c.acts_by = "pointer";
            break;
    }
    return c;
}

SurfaceProfile make_profile(Surface surface, float width, float height, float text_scale) {
    SurfaceProfile p;
    p.surface = surface;
    p.can = capabilities_of(surface);
    switch (surface) {
        case Surface::Tv:  // 1920x1080 seen from 3 m; overscan safe area per Android TV guidance
            if (width > 0 && height > 0) p = scaled(p, std::min(width / 1920.0f, height / 1080.0f));
            break;
        case Surface::Kiosk:  // touch, portrait 1080x1920 or landscape 1920x1080
            p.body_px = 36;
            p.heading_px = 48;
            p.tile_label_px = 56;
            p.safe_x = 48;
            p.safe_y = 48;
            p.focus_ring_px = 6;
            p.focus_ring_always = false;
            p.home_columns = height > width ? 2 : 4;
            break;
        case Surface::Browser:  // CSS pixels, from a 360 px phone up
            p.body_px = 20;
            p.heading_px = 28;
            p.tile_label_px = 30;
            p.min_target_w = 60;
            p.min_target_h = 60;
            p.safe_x = width < 600 ? 16 : 32;
            p.safe_y = 16;
            p.gap = 16;
            p.focus_ring_px = 3;
            p.focus_ring_always = false;
            p.home_columns = width < 720 ? 2 : 4;
            p.max_content_w = 960;  // about 48 characters of body text on a wide desktop window
            break;
    }
    for (float* v : {&p.body_px, &p.heading_px, &p.tile_label_px}) *v *= text_scale;
    p.max_content_w *= text_scale;
    return p;
}

std::optional<Surface> parse_surface(std::string_view name) {
    if (name == "tv") return Surface::Tv;
    if (name == "kiosk") return Surface::Kiosk;
    if (name == "browser") return Surface::Browser;
    return std::nullopt;
}

std::string_view surface_name(Surface surface) {
    switch (surface) {
        case Surface::Tv: return "tv";
        case Surface::Kiosk: return "kiosk";
        case Surface::Browser: return "browser";
    }
    return "tv";
}

}  // namespace elder
