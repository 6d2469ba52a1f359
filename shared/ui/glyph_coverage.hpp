#pragma once
// Which characters on screen the fonts could not draw. Every text call passes through here; a
// character no loaded font has is drawn as the fallback box (□) and counted. The host fetches the
// font tier that holds it and draws again (ARCHITECTURE.md, "Fonts").
#include <cstdint>
#include <set>
#include <unordered_map>

#include <imgui.h>

namespace elder {

class GlyphCoverage {
public:
    // A new frame: what the last one missed is forgotten (a page that changed may miss nothing).
    void begin_frame() { missing_.clear(); }
    // Notes the characters of the UTF-8 text [begin, end) that `font` has no glyph for.
    void check(ImFont* font, const char* begin, const char* end);
    // The fonts gained a source: characters known missing may be there now.
    void fonts_changed() { known_.clear(); }
    // Code points drawn without a glyph in the current frame.
    const std::set<std::uint32_t>& missing() const { return missing_; }

private:
    std::set<std::uint32_t> missing_;
    std::unordered_map<std::uint32_t, bool> known_;  // code point -> has a glyph (asking the fonts is a search)
};

}  // namespace elder
