// The TV app: the shared UI on a set-top box, driven by the remote control.
#include <cstdio>
#include <string>

#include <SDL.h>

#include "platform/command_line.hpp"
#include "platform/run.hpp"

namespace {

// Assets sit beside the binary's folder: <prefix>/bin/elder-tvapp and <prefix>/assets.
std::string default_assets_dir() {
    char* base = SDL_GetBasePath();
    std::string dir = base ? std::string(base) + "../assets" : "assets";
    SDL_free(base);
    return dir;
}

}  // namespace

int main(int argc, char** argv) {
    elder::CommandLine cmd;
    cmd.app.config.surface = elder::Surface::Tv;
    cmd.app.assets_dir = default_assets_dir();
    std::string error;
    if (!elder::parse_command_line(argc, argv, cmd, error)) {
        std::fprintf(stderr, "elder-tvapp: %s\n\n%s", error.c_str(), elder::command_line_help(argv[0]).c_str());
        return 2;
    }
    if (cmd.show_help) {
        std::printf("%s", elder::command_line_help(argv[0]).c_str());
        return 0;
    }
    return elder::run_app(cmd.host, cmd.app);
}
