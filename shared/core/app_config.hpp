#pragma once
// Where the app finds its server and who it is: from a JSON file on set-top boxes, from the page's
// URL parameters (or a config.json beside the page) in browsers. Defaults reach the reference
// server on the same machine.
#include <string>
#include <string_view>

#include "surface.hpp"

namespace elder {

struct AppConfig {
    std::string server_url = "http://127.0.0.1:8080";  // no trailing slash
    std::string device_id;                              // set-top box or kiosk serial; "" in browsers
    // A one-time code from community staff that lets the box register its serial (only needed for
    // the first start; the server refuses registrations without one).
    std::string enrolment_code;
    Surface surface = Surface::Tv;
    std::string language = "zh-CN";
    bool voice = false;  // read the focused item aloud (the resident's own setting wins once made)
    std::string open;    // a page to start on ("guide_detail/3"): QR codes link phones straight to it
    int idle_timeout_s = 0;  // kiosks: end a visitor's session after this long untouched; 0: the site's setting
};

// Applies the settings in a JSON object ({"server_url": ..., "device_id": ..., "enrolment_code": ..., "surface": ...,
// "language": ..., "voice": true, "idle_timeout_s": 120}) on top of `config`. Unknown keys are ignored; a bad value is an error naming it.
bool apply_config_json(std::string_view json_text, AppConfig& config, std::string& error);

// Applies URL query parameters ("server=...&surface=browser&lang=en&device=...&enrolment_code=...&voice=on&open=guide_detail/3&idle=120").
bool apply_config_query(std::string_view query, AppConfig& config, std::string& error);

// http(s)://host[:port][/path] without query or fragment; trailing slashes removed.
bool normalise_server_url(std::string& url);

}  // namespace elder
