#include "assets.hpp"

#include <fstream>
#include <sstream>

namespace elder {
namespace {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buf;
    buf << in.rdbuf();
    out = buf.str();
    return true;
}

bool load_catalogue(const std::string& dir, const std::string& language, Catalogue& out, std::string& error) {
    const std::string path = dir + "/strings/" + language + ".json";
    std::string text;
    if (!read_file(path, text)) return error = "cannot read the string catalogue " + path, false;
    if (!out.load(text, error)) return error = path + ": " + error, false;
    return true;
}

}  // namespace

bool load_assets(const std::string& dir, AppAssets& out, std::string& error) {
    // Both catalogues: the resident may switch language in the settings at any time.
    if (!load_catalogue(dir, "zh-CN", out.strings_zh, error)) return false;
    if (!load_catalogue(dir, "en", out.strings_en, error)) return false;
    const std::string font_path = dir + "/fonts/elder-cjk.ttf";
    ImFontConfig config;
    config.OversampleH = 1;  // CJK at >= 20 px needs no horizontal oversampling; halves atlas use
    // The size only matters for ImGui's own widgets: pages pass their sizes to every text call, and
    // ImGui 1.92 rasterises each size on demand.
    constexpr float kDefaultFontPx = 40;
    out.font = ImGui::GetIO().Fonts->AddFontFromFileTTF(font_path.c_str(), kDefaultFontPx, &config);
    if (!out.font) {
        error = "cannot load the font " + font_path + " (" + out.strings_zh.text("error.font_missing") + ")";
        return false;
    }
    return true;
}

}  // namespace elder
