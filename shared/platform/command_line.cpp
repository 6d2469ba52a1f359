#include "command_line.hpp"

#include <cstdlib>
#include <cstring>

namespace elder {
namespace {

bool parse_int(const char* text, int min, int max, int& out) {
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < min || v > max) return false;
    out = static_cast<int>(v);
    return true;
}

}  // namespace

bool parse_command_line(int argc, char** argv, CommandLine& out, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        auto value = [&]() -> const char* { return argv[++i]; };
        if (arg == "--help" || arg == "-h") {
            out.show_help = true;
        } else if (arg == "--fullscreen") {
            out.host.fullscreen = true;
        } else if (arg == "--width" && has_value) {
            if (!parse_int(value(), 320, 16384, out.host.width)) return error = "--width needs 320..16384", false;
        } else if (arg == "--height" && has_value) {
            if (!parse_int(value(), 240, 16384, out.host.height)) return error = "--height needs 240..16384", false;
        } else if (arg == "--frames" && has_value) {
            if (!parse_int(value(), 1, 1000000, out.host.exit_after_frames)) return error = "--frames needs a positive number", false;
        } else if (arg == "--screenshot" && has_value) {
            out.host.screenshot_path = value();
        } else if (arg == "--report" && has_value) {
            out.host.report_path = value();
        } else if (arg == "--assets" && has_value) {
            out.app.assets_dir = value();
        } else if (arg == "--lang" && has_value) {
            out.app.language = value();
            if (out.app.language != "zh-CN" && out.app.language != "en") return error = "--lang must be zh-CN or en", false;
        } else if (arg == "--surface" && has_value) {
            const std::string name = value();
            auto surface = parse_surface(name);
            if (!surface) return error = "--surface must be tv, kiosk or browser, not '" + name + "'", false;
            out.app.surface = *surface;
        } else {
            error = "unknown option or missing value: " + arg;
            return false;
        }
    }
    return true;
}

std::string command_line_help(const char* program) {
    return std::string("Usage: ") + program + " [options]\n"
        "  --fullscreen          fill the screen (set-top boxes)\n"
        "  --width N --height N  window size (default 1920x1080)\n"
        "  --surface NAME        tv, kiosk or browser layout (default: tv)\n"
        "  --lang zh-CN|en       interface language (default zh-CN)\n"
        "  --assets DIR          folder with strings/ and fonts/\n"
        "  --screenshot FILE     save the last frame as PNG when the app exits\n"
        "  --report FILE         write state and semantics tree as JSON after each frame\n"
        "  --frames N            exit after N drawn frames\n";
}

}  // namespace elder
