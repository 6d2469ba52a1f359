#include "screens.hpp"

#include <algorithm>
#include <array>

namespace elder {
namespace {

struct Row {
    Screen screen;
    std::string_view name, title;
    int tile;
};

#define ELDER_SCREEN_ROW(id, name, title, tile, who, opened, draw) Row{Screen::id, name, title, tile},
constexpr std::array kRows{ELDER_PAGES(ELDER_SCREEN_ROW)};
#undef ELDER_SCREEN_ROW

const Row& row(Screen screen) { return kRows[static_cast<size_t>(screen)]; }

}  // namespace

const std::vector<HomeTile>& home_tiles() {
    static const std::vector<HomeTile> tiles = [] {
        std::vector<Row> rows;
        for (const Row& r : kRows)
            if (r.tile > 0) rows.push_back(r);
        std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.tile < b.tile; });
        std::vector<HomeTile> out;
        for (const Row& r : rows) out.push_back({r.screen, "tile." + std::string(r.name), "tile." + std::string(r.name) + ".hint"});
        return out;
    }();
    return tiles;
}

std::string_view screen_name(Screen screen) { return row(screen).name; }

std::string_view screen_title_key(Screen screen) { return row(screen).title; }

std::string Route::key() const {
    std::string k(screen_name(screen));
    if (!arg.empty()) k += "/" + arg;
    return k;
}

std::optional<Route> parse_route(std::string_view key) {
    const size_t slash = key.find('/');
    const std::string_view name = key.substr(0, slash);
    for (const Row& r : kRows)
        if (r.name == name) return Route{r.screen, slash == std::string_view::npos ? "" : std::string(key.substr(slash + 1))};
    return std::nullopt;
}

}  // namespace elder
