#include "command_line.hpp"

#include <cstdlib>
#include <cstring>
#include <cstdio>
#include <map>

#include "clock.hpp"
#include "read_file.hpp"

namespace elder {
namespace {

bool parse_int(const char* text, int min, int max, int& out) {
    char* end = nullptr;
    const long v = std::strtol(text, &end, 10);
    if (end == text || *end != '\0' || v < min || v > max) return false;
    out = static_cast<int>(v);
    return true;
}

bool apply_config_file(const std::string& path, AppConfig& config, std::string& error) {
    const auto text = read_file(path);
    if (!text) return error = "cannot read the configuration file " + path, false;
    if (!apply_config_json(*text, config, error)) return error = path + ": " + error, false;
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
        } else if (arg == "--screenshot-every-frame") {
            out.host.screenshot_every_frame = true;
        } else if (arg == "--report" && has_value) {
            out.host.report_path = value();
        } else if (arg == "--assets" && has_value) {
            out.app.assets_dir = value();
        } else if (arg == "--keymap" && has_value) {
            out.host.keymap_path = value();
        } else if (arg == "--data-dir" && has_value) {
            out.host.data_dir = value();
        } else if (arg == "--speech-log" && has_value) {
            out.host.speech_log = value();
        } else if (arg == "--speech-wav" && has_value) {
            out.host.speech_wav = value();
        } else if (arg == "--clock-start" && has_value) {
            out.host.clock_start = parse_iso_instant(value());
            if (!out.host.clock_start) return error = "--clock-start needs a time such as 2026-11-25T23:59:50+08:00", false;
        } else if (arg == "--config" && has_value) {
            if (!apply_config_file(value(), out.app.config, error)) return false;
        } else if (arg == "--query" && has_value) {
            if (!apply_config_query(value(), out.app.config, error)) return false;
        } else if ((arg == "--lang" || arg == "--surface" || arg == "--server" || arg == "--device" ||
                    arg == "--enrolment-code" || arg == "--voice" || arg == "--open") && has_value) {
            static const std::map<std::string, std::string> keys{{"--lang", "lang"}, {"--surface", "surface"},
                {"--server", "server"}, {"--device", "device"}, {"--enrolment-code", "enrolment_code"}, {"--voice", "voice"},
                {"--open", "open"}};
            std::string encoded;
            for (const char* c = value(); *c; ++c) {  // one query parameter, whatever characters it holds
                char hex[4];
                std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(*c));
                encoded += hex;
            }
            if (!apply_config_query(keys.at(arg) + "=" + encoded, out.app.config, error)) return error = arg + ": " + error, false;
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
        "  --config FILE         settings as JSON: server_url, device_id, enrolment_code, surface,\n"
        "                        language, voice\n"
        "  --server URL          the community server (default http://127.0.0.1:8080)\n"
        "  --device ID           this box's serial number\n"
        "  --enrolment-code CODE the one-time code staff gave for registering this box (first start)\n"
        "  --surface NAME        tv, kiosk or browser layout (default: tv)\n"
        "  --open PAGE           start on this page, as the kiosk's ?open= (policy_detail/22, alerts, ...)\n"
        "  --lang zh-CN|en       interface language (default zh-CN)\n"
        "  --voice on|off        read the focused item aloud (default off)\n"
        "  --keymap FILE         which remote key is which (default <assets>/keymaps/default.json)\n"
        "  --data-dir DIR        where the offline copy is kept (default ~/.local/share/elder-community)\n"
        "  --speech-log FILE     record what would be read aloud (one JSON line each) instead of speaking\n"
        "  --speech-wav FILE     write the last thing read aloud to a WAV file instead of the speaker\n"
        "  --assets DIR          folder with strings/ and fonts/\n"
        "  --screenshot FILE     save the last frame as PNG when the app exits\n"
        "  --screenshot-every-frame  rewrite the --screenshot file after every drawn frame\n"
        "  --report FILE         write state and semantics tree as JSON after each frame\n"
        "  --frames N            exit after N drawn frames\n"
        "  --clock-start ISO     for testing: the clock starts at this time (2026-11-25T23:59:50+08:00)\n"
        "                        and runs on from there; the time zone shown is still the device's (TZ)\n";
}

}  // namespace elder
