#pragma once
// Where the font tiers come from: the TV reads them from its assets folder, the browser fetches
// them from the server (its HTTP cache and the service worker keep them). One file per platform.
#include <string>

#include "fonts.hpp"

namespace elder {

FontFileLoader make_font_file_loader(const std::string& assets_dir);

}  // namespace elder
