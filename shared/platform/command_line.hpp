#pragma once
// Command-line options shared by the TV app and the kiosk (the web shell passes URL parameters as args).
#include <string>

#include "host.hpp"

namespace elder {

struct CommandLine {
    HostOptions host;
    AppParams app;
    bool show_help = false;
};

// Options apply in order, later ones winning: `--config FILE` (JSON, see app_config.hpp), then
// single settings such as `--server URL`, or `--query "server=...&lang=en"` (the web page's URL).
// Returns false with a sentence in `error` for an unknown option or a bad value.
bool parse_command_line(int argc, char** argv, CommandLine& out, std::string& error);
std::string command_line_help(const char* program);

}  // namespace elder
