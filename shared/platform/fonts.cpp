#include "fonts.hpp"

#include <algorithm>
#include <cstring>

namespace elder {
namespace {

// The size only matters for ImGui's own widgets: pages pass their sizes to every text call, and
// ImGui 1.92 rasterises each size on demand.
constexpr float kDefaultFontPx = 40;
// A character no font has shows as an empty box the size of a hanzi, never as "?". The base font
// draws it at U+007F, a control character text never draws (scripts/make_fonts.py says why not at U+FFFD).
constexpr ImWchar kNoGlyphBox = 0x7F;
constexpr double kRetryMs = 30000;        // a tier that failed (offline) is asked for again after this

ImFontConfig font_config(bool merge) {
    ImFontConfig config;
    config.OversampleH = 1;  // CJK at >= 20 px needs no horizontal oversampling; halves atlas use
    config.MergeMode = merge;
    return config;
}

}  // namespace

bool FontSet::load_base(const std::string& dir, std::string& error) {
    const std::string path = dir + "/fonts/elder-cjk.ttf";
    ImFontConfig config = font_config(false);
    font_ = ImGui::GetIO().Fonts->AddFontFromFileTTF(path.c_str(), kDefaultFontPx, &config);
    if (!font_) return error = "cannot load the font " + path, false;
    font_->FallbackChar = kNoGlyphBox;  // before the first frame bakes anything
    return true;
}

void FontSet::want(const std::set<std::uint32_t>& missing, double now_ms) {
    if (missing.empty() || !loader_) return;
    if (index_ != Stage::Loaded) {
        waiting_.insert(missing.begin(), missing.end());
        ask_index(now_ms);
        return;
    }
    for (const std::uint32_t c : missing)
        if (Tier* t = tier_for(c)) ask(*t, now_ms);
}

void FontSet::ask_index(double now_ms) {
    if (index_ == Stage::Loading || (index_ == Stage::Failed && now_ms < index_retry_at_)) return;
    index_ = Stage::Loading;
    loader_("index.json", [this, now_ms](std::optional<std::string> text) {
        if (text) read_index(*text);
        if (index_ != Stage::Loaded) {
            index_ = Stage::Failed;
            index_retry_at_ = now_ms + kRetryMs;
            return;
        }
        std::set<std::uint32_t> waiting;
        waiting.swap(waiting_);
        want(waiting, now_ms);
    });
}

void FontSet::read_index(const std::string& text) {
    auto specs = parse_font_index(text);
    if (!specs) return;  // damaged or not the build's: asked for again later
    tiers_.clear();
    for (FontTierSpec& spec : *specs) tiers_.push_back(Tier{std::move(spec)});
    index_ = Stage::Loaded;
}

// The first tier not yet merged whose ranges hold `c`. A tier's ranges may span code points of
// earlier tiers (index.json stays short), so a merged tier that still misses `c` passes it on.
FontSet::Tier* FontSet::tier_for(std::uint32_t c) {
    for (Tier& t : tiers_) {
        if (t.stage == Stage::Loaded) continue;
        for (const auto& [lo, hi] : t.spec.ranges)
            if (c >= lo && c <= hi) return &t;
    }
    return nullptr;
}

void FontSet::ask(Tier& tier, double now_ms) {
    if (tier.stage == Stage::Loading || tier.stage == Stage::Arrived || tier.stage == Stage::Loaded) return;
    if (tier.stage == Stage::Failed && now_ms < tier.retry_at) return;
    tier.stage = Stage::Loading;
    loader_(tier.spec.file, [&tier, now_ms](std::optional<std::string> bytes) {
        // Only the very file the build wrote reaches the rasteriser (core/font_index.hpp says why).
        if (!bytes || !font_file_intact(tier.spec, *bytes)) {
            tier.stage = Stage::Failed;
            tier.retry_at = now_ms + kRetryMs;
            return;
        }
        tier.bytes = std::move(*bytes);
        tier.stage = Stage::Arrived;
    });
}

bool FontSet::merge_arrived() {
    if (std::none_of(tiers_.begin(), tiers_.end(), [](const Tier& t) { return t.stage == Stage::Arrived; })) return false;
    // Sizes already drawn remember the characters they could not find: drop them, so that they
    // look again in the new sources (the glyphs on screen are rasterised again, once). This also
    // forgets the fallback character, which the merge sets up again and we then set back.
    font_->ClearOutputData();
    bool changed = false;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (Tier& tier : tiers_) {
        if (tier.stage != Stage::Arrived) continue;
        // The atlas takes the bytes as they are (no copy): its allocator's block, freed with the atlas.
        void* data = IM_ALLOC(tier.bytes.size());
        std::memcpy(data, tier.bytes.data(), tier.bytes.size());
        ImFontConfig config = font_config(true);
        config.DstFont = font_;
        const bool added = atlas->AddFontFromMemoryTTF(data, static_cast<int>(tier.bytes.size()), kDefaultFontPx, &config);
        tier.bytes.clear();
        tier.bytes.shrink_to_fit();
        tier.stage = added ? Stage::Loaded : Stage::Failed;
        if (!added) tier.retry_at = 1e300;  // a file the atlas refused is not asked for again
        changed = changed || added;
    }
    font_->FallbackChar = kNoGlyphBox;
    return changed;
}

bool FontSet::pending() const {
    if (index_ == Stage::Loading) return true;
    for (const Tier& t : tiers_)
        if (t.stage == Stage::Loading || t.stage == Stage::Arrived) return true;
    return false;
}

nlohmann::json FontSet::report() const {
    static const char* const names[] = {"absent", "loading", "arrived", "loaded", "failed"};
    nlohmann::json out = nlohmann::json::object();
    out["index.json"] = names[static_cast<int>(index_)];
    for (const Tier& t : tiers_) out[t.spec.file] = names[static_cast<int>(t.stage)];
    return out;
}

}  // namespace elder
