#include "font_index.hpp"

#include <nlohmann/json.hpp>

namespace elder {
namespace {

// A name the loaders can put after "fonts/" on disk or in a URL: no folders, no dot files.
bool plain_file_name(const std::string& name) {
    if (name.empty() || name.size() > 100 || name[0] == '.') return false;
    for (const char c : name)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_'))
            return false;
    return true;
}

std::optional<std::uint64_t> hex64(const std::string& text) {
    if (text.size() != 16) return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (digit < 0) return std::nullopt;
        value = value << 4 | static_cast<std::uint64_t>(digit);
    }
    return value;
}

std::optional<FontTierSpec> parse_tier(const nlohmann::json& t, std::size_t& ranges_left) {
    if (!t.is_object()) return std::nullopt;
    const auto file = t.find("file"), ranges = t.find("ranges"), bytes = t.find("bytes"), hash = t.find("fnv1a64");
    if (file == t.end() || !file->is_string() || ranges == t.end() || !ranges->is_array() || bytes == t.end() ||
        !bytes->is_number_unsigned() || hash == t.end() || !hash->is_string())
        return std::nullopt;
    FontTierSpec spec;
    spec.file = file->get<std::string>();
    spec.bytes = bytes->get<std::uint64_t>() <= kMaxFontFileBytes ? bytes->get<std::size_t>() : 0;
    const auto digest = hex64(hash->get<std::string>());
    if (!plain_file_name(spec.file) || spec.bytes == 0 || !digest || ranges->size() > ranges_left) return std::nullopt;
    spec.fnv1a64 = *digest;
    ranges_left -= ranges->size();
    for (const auto& r : *ranges) {
        if (!r.is_array() || r.size() != 2 || !r[0].is_number_unsigned() || !r[1].is_number_unsigned()) return std::nullopt;
        const std::uint64_t lo = r[0].get<std::uint64_t>(), hi = r[1].get<std::uint64_t>();
        if (lo > hi || hi > 0x10FFFF) return std::nullopt;
        spec.ranges.emplace_back(static_cast<std::uint32_t>(lo), static_cast<std::uint32_t>(hi));
    }
    return spec;
}

}  // namespace

std::optional<std::vector<FontTierSpec>> parse_font_index(std::string_view text) {
    if (text.size() > kMaxFontIndexBytes) return std::nullopt;
    const nlohmann::json index = nlohmann::json::parse(text, nullptr, false);
    if (!index.is_object()) return std::nullopt;
    const auto tiers = index.find("tiers");
    if (tiers == index.end() || !tiers->is_array() || tiers->size() > kMaxFontTiers) return std::nullopt;
    std::vector<FontTierSpec> out;
    std::size_t ranges_left = kMaxFontRanges;
    for (const auto& t : *tiers) {
        auto spec = parse_tier(t, ranges_left);
        if (!spec) return std::nullopt;
        out.push_back(std::move(*spec));
    }
    return out;
}

std::uint64_t fnv1a64(std::string_view bytes) {
    std::uint64_t hash = 0xcbf29ce484222325ULL;
    for (const unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
    return hash;
}

bool font_file_intact(const FontTierSpec& spec, std::string_view bytes) {
    return bytes.size() == spec.bytes && fnv1a64(bytes) == spec.fnv1a64;
}

}  // namespace elder
