#pragma once
// The app's assets as the host loads them from disk (or the kiosk's preloaded file system) and
// hands them to the App: both string catalogues and the font.
#include <string>

#include "fonts.hpp"
#include "ui/app.hpp"

namespace elder {

// Reads dir/strings/zh-CN.json, dir/strings/en.json and adds the base font to the current ImGui
// context through `fonts`. On failure returns false and a sentence for the operator in `error`.
bool load_assets(const std::string& dir, AppAssets& out, FontSet& fonts, std::string& error);

}  // namespace elder
