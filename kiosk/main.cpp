// The kiosk and browser build: the shared UI in WebAssembly. The page shell (web/) downloads the
// assets into /assets and passes its settings as arguments: `--server <the page's origin>`, then
// `--config /config.json` when the site has one, then `--query <the page's URL parameters>`.
#include <cstdio>
#include <string>

#include "platform/command_line.hpp"
#include "platform/run.hpp"

namespace {

bool parse(int argc, char** argv, elder::CommandLine& cmd, std::string& error) {
    cmd = elder::CommandLine{};
    cmd.app.config.surface = elder::Surface::Kiosk;
    return elder::parse_command_line(argc, argv, cmd, error);
}

}  // namespace

int main(int argc, char** argv) {
    elder::CommandLine cmd;
    std::string error;
    // A bad URL parameter or config.json must not leave a blank kiosk: drop the later settings
    // (keeping the page's own server) and start with what remains.
    if (!parse(argc, argv, cmd, error)) {
        std::fprintf(stderr, "elder: settings ignored: %s\n", error.c_str());
        if (!parse(argc < 3 ? argc : 3, argv, cmd, error)) parse(1, argv, cmd, error);
    }
    cmd.app.assets_dir = "/assets";  // where the shell put them, whatever the URL says
    return elder::run_app(cmd.host, cmd.app);
}
