#pragma once
// fonts/index.json: which font file holds which code points, and what the build wrote into each
// (its size and FNV-1a 64 hash). The app checks a file against both before the font rasteriser
// (stb_truetype, which trusts its input) sees a byte of it: a damaged, truncated or substituted
// download (a captive portal's page, a proxy's error) is refused and asked for again later.
// The hash detects damage, not attack: index.json comes from the same server as the app's code.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace elder {

struct FontTierSpec {
    std::string file;  // a plain file name in the fonts folder
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ranges;  // [first, last] code points
    std::size_t bytes = 0;
    std::uint64_t fnv1a64 = 0;
};

constexpr std::size_t kMaxFontIndexBytes = 256 * 1024;      // the build's is about 40 KB
constexpr std::size_t kMaxFontFileBytes = 8 * 1024 * 1024;  // the largest tier is about 2 MB
constexpr std::size_t kMaxFontTiers = 16;
constexpr std::size_t kMaxFontRanges = 20000;               // over all tiers

// The tiers in the order they are asked, or nothing if any part is not as the build writes it.
std::optional<std::vector<FontTierSpec>> parse_font_index(std::string_view text);
// Whether `bytes` is the file the index describes.
bool font_file_intact(const FontTierSpec& spec, std::string_view bytes);
std::uint64_t fnv1a64(std::string_view bytes);

}  // namespace elder
