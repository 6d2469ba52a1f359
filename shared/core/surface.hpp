#pragma once
// Surface profiles: the layout numbers of each kind of screen (see ../shared/handbook/ACCESSIBILITY.md).
// Screens read these numbers; they never ask which platform they run on.
#include <optional>
#include <string_view>

namespace elder {

enum class Surface { Tv, Kiosk, Browser };

// What a surface has and does, asked by pages and reducers instead of which surface it is: a new
// surface (a hospital-lobby screen, a phone app) is one entry in surface.cpp.
struct Capabilities {
    const char* device_kind = "";     // registers with the server under its serial as "stb" or "kiosk"; "": never
    bool acts_for_household = false;  // bound by staff to a household, it books and asks for help in its name
    bool signs_in_residents = false;  // personal pages ask for phone + one-time code first
    bool keeps_account = false;       // the resident's own device: the sign-in survives a restart
    bool visitor_sessions = false;    // one visitor after another: short sign-ins under the device's name,
                                      // 结束 and an idle reset that forget the visitor
    bool printer = false;             // a ticket can be printed
    bool keyboard = false;            // a real keyboard and text box for every field; else an on-screen keypad
    bool free_text = false;           // words can be typed at all (a TV remote has digits only)
    bool remote_control = false;      // driven by a TV remote: number keys open the home tiles, Back is a key
    // How residents act here, the verb of the strings that tell them (assets/strings/glossary.json):
    // "remote" 按确认键, "touch" 点, "pointer" 点击. A string "k" worded per surface is "k.remote" ...
    const char* acts_by = "remote";
};
Capabilities capabilities_of(Surface surface);

struct SurfaceProfile {
    Surface surface = Surface::Tv;  // its name in reports; pages ask `can`, never this
    Capabilities can;
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
