#pragma once
// The app's fonts: a base font loaded at start, and tiers merged into it when a character on
// screen misses (ARCHITECTURE.md, "Fonts"). fonts/index.json says which tier holds which code
// points; the TV reads a tier from disk, the browser fetches it (and its cache keeps it).
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include "core/font_index.hpp"

namespace elder {

// Reads or fetches one file of the fonts folder; calls `done` on the UI thread, now or later, with
// the bytes or nothing (missing, offline).
using FontFileLoader = std::function<void(const std::string& name, std::function<void(std::optional<std::string>)> done)>;

class FontSet {
public:
    // Adds dir/fonts/elder-cjk.ttf to the current ImGui context, with a hanzi-sized box for
    // characters no loaded font has. On failure returns false and says why in `error`.
    bool load_base(const std::string& dir, std::string& error);
    void set_loader(FontFileLoader loader) { loader_ = std::move(loader); }
    ImFont* font() const { return font_; }

    // Asks for the tiers that hold these code points, each tier once (again later if it failed).
    void want(const std::set<std::uint32_t>& missing, double now_ms);
    // Between frames: merges the tiers that arrived into the font. True if the font changed.
    bool merge_arrived();
    // Whether a file asked for has not been merged yet: a frame will follow when it has.
    bool pending() const;
    // The files and where each stands: {"elder-cjk-common.ttf": "loaded", "index.json": "loading", ...}.
    nlohmann::json report() const;

private:
    enum class Stage { Absent, Loading, Arrived, Loaded, Failed };
    struct Tier {
        FontTierSpec spec;
        Stage stage = Stage::Absent;
        std::string bytes;
        double retry_at = 0;  // after a failure: not asked again before this
    };
    void ask_index(double now_ms);
    void read_index(const std::string& text);
    void ask(Tier& tier, double now_ms);
    Tier* tier_for(std::uint32_t c);

    ImFont* font_ = nullptr;
    FontFileLoader loader_;
    Stage index_ = Stage::Absent;
    double index_retry_at_ = 0;
    std::vector<Tier> tiers_;
    std::set<std::uint32_t> waiting_;  // misses seen before the index arrived
};

}  // namespace elder
