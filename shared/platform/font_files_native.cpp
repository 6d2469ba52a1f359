// The TV reads a font tier from disk when it is first needed, between two frames.
#include <fstream>
#include <sstream>

#include "font_files.hpp"

namespace elder {

FontFileLoader make_font_file_loader(const std::string& assets_dir) {
    return [dir = assets_dir + "/fonts/"](const std::string& name, std::function<void(std::optional<std::string>)> done) {
        std::ifstream in(dir + name, std::ios::binary);
        if (!in) return done(std::nullopt);
        std::ostringstream bytes;
        bytes << in.rdbuf();
        done(bytes.str());
    };
}

}  // namespace elder
