#include "glyph_coverage.hpp"

#include "core/utf8.hpp"

namespace elder {
namespace {

// Characters that draw nothing, so no font needs them: controls, spaces, joiners and variation selectors.
bool draws_nothing(std::uint32_t c) {
    return c < 0x21 || (c >= 0x7F && c <= 0xA0) || (c >= 0x2000 && c <= 0x200F) || (c >= 0x2028 && c <= 0x202F) ||
           c == 0x3000 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || (c >= 0xE0100 && c <= 0xE01EF);
}

}  // namespace

void GlyphCoverage::check(ImFont* font, const char* begin, const char* end) {
    if (!font) return;
    const std::string_view text(begin, static_cast<std::size_t>(end - begin));
    for (std::size_t i = 0; i < text.size();) {
        const std::uint32_t c = next_code_point(text, i);
        if (draws_nothing(c)) continue;
        auto it = known_.find(c);
        if (it == known_.end()) it = known_.emplace(c, font->IsGlyphInFont(static_cast<ImWchar>(c))).first;
        if (!it->second) missing_.insert(c);
    }
}

}  // namespace elder
