// The TV reads a font tier from disk when it is first needed, between two frames.
#include "font_files.hpp"
#include "read_file.hpp"

namespace elder {

FontFileLoader make_font_file_loader(const std::string& assets_dir) {
    return [dir = assets_dir + "/fonts/"](const std::string& name, std::function<void(std::optional<std::string>)> done) {
        done(read_file(dir + name));
    };
}

}  // namespace elder
