// The kiosk and browser build: the shared UI in WebAssembly. The page shell (web/) downloads the
// assets into /assets and passes URL parameters (?surface=browser&lang=en) as arguments.
#include <string>

#include "platform/command_line.hpp"
#include "platform/run.hpp"

int main(int argc, char** argv) {
    elder::CommandLine cmd;
    cmd.app.surface = elder::Surface::Kiosk;
    std::string error;
    if (!elder::parse_command_line(argc, argv, cmd, error)) {  // a bad URL parameter: fall back to defaults
        cmd = elder::CommandLine{};
        cmd.app.surface = elder::Surface::Kiosk;
    }
    cmd.app.assets_dir = "/assets";  // where the shell put them, whatever the URL says
    return elder::run_app(cmd.host, cmd.app);
}
