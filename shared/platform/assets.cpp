#include "assets.hpp"

#include "read_file.hpp"

namespace elder {
namespace {

bool load_catalogue(const std::string& dir, const std::string& language, Catalogue& out, std::string& error) {
    const std::string path = dir + "/strings/" + language + ".json";
    const auto text = read_file(path);
    if (!text) return error = "cannot read the string catalogue " + path, false;
    if (!out.load(*text, error)) return error = path + ": " + error, false;
    return true;
}

}  // namespace

bool load_assets(const std::string& dir, AppAssets& out, FontSet& fonts, std::string& error) {
    // Both catalogues: the resident may switch language in the settings at any time.
    if (!load_catalogue(dir, "zh-CN", out.strings_zh, error)) return false;
    if (!load_catalogue(dir, "en", out.strings_en, error)) return false;
    if (!fonts.load_base(dir, error)) return error += " (" + out.strings_zh.text("error.font_missing") + ")", false;
    out.font = fonts.font();
    return true;
}

}  // namespace elder
