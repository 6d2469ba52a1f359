// Service guides: themes -> the guides of one theme -> one guide: what it is, who may apply, what
// to bring, the steps, where, when, fee, how long, online or not, and 预约办理 when bookable.
#include <algorithm>
#include <cstdlib>

#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// Themes in the order the server lists their first guide, with how many guides each has.
std::vector<std::pair<std::string, int>> themes(const std::vector<Guide>& guides) {
    std::vector<std::pair<std::string, int>> out;
    for (const Guide& g : guides) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& t) { return t.first == g.theme; });
        if (it == out.end()) out.push_back({g.theme, 1});
        else ++it->second;
    }
    return out;
}

const Guide* find_guide(const PageContext& ctx, std::int64_t id) {
    for (const Guide& g : ctx.state.data.guides.value)
        if (g.id == id) return &g;
    return nullptr;
}

std::string online_words(const PageContext& ctx, const Guide& g) {
    return ctx.strings.text(g.online ? "guides.online_yes" : "guides.online_no");
}

}  // namespace

void draw_guide_themes_page(PageContext& ctx) {
    const Rect area = ctx.content();
    float y = page_header(ctx, ctx.strings.text("tile.guides"));
    y = button(ctx, "guides.search", ctx.strings.text("search.open"), ImVec2(area.x, y), OpenScreen{Screen::Search, ""},
               ctx.palette.tile).bottom() + ctx.profile.gap;
    const auto& guides = ctx.state.data.guides;
    y += data_notice(ctx, guides.fetch, guides.value.empty(), "guides.empty", y);
    std::vector<GridItem> items;
    for (const auto& [theme, count] : themes(guides.value))
        items.push_back({"theme." + std::to_string(items.size()), theme,
                         ctx.strings.format("guides.count", {{"count", std::to_string(count)}}), OpenScreen{Screen::GuideList, theme}});
    ctx.end_page(tile_grid(ctx, items, y));
}

void draw_guide_list_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const std::string& theme = ctx.state.route.arg;
    float y = page_header(ctx, theme);
    const auto& guides = ctx.state.data.guides;
    bool any = false;
    for (const Guide& g : guides.value) any = any || g.theme == theme;
    y += data_notice(ctx, guides.fetch, !any, "guides.empty", y);
    for (const Guide& g : guides.value) {
        if (g.theme != theme) continue;
        y += list_row(ctx, {"guide." + std::to_string(g.id), g.title, online_words(ctx, g), "", area.x, y, area.w,
                            OpenScreen{Screen::GuideDetail, std::to_string(g.id)}});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

void draw_guide_detail_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const Guide* g = find_guide(ctx, std::atoll(ctx.state.route.arg.c_str()));
    float y = page_header(ctx, g ? g->title : ctx.strings.text("tile.guides"));
    if (!g) {
        y += data_notice(ctx, ctx.state.data.guides.fetch, true, "guides.empty", y);
        ctx.end_page(y);
        return;
    }
    // 预约办理 (when bookable) and 扫码到手机, side by side where they fit.
    std::vector<ButtonSpec> buttons;
    if (g->bookable && g->schedule_id)
        buttons.push_back({"guide.book", ctx.strings.text("guides.book"), OpenScreen{Screen::BookDate, std::to_string(*g->schedule_id)},
                           ctx.palette.tile});
    buttons.push_back({"guide.qr", ctx.strings.text("guides.qr"), OpenScreen{Screen::GuideQr, ctx.state.route.arg}, ctx.palette.tile});
    y = button_row(ctx, buttons, ImVec2(area.x, y)) + ctx.profile.gap;
    const auto& t = ctx.strings;
    y += section(ctx, "guide.what", t.text("guides.what"), {g->what}, false, y);
    y += section(ctx, "guide.who", t.text("guides.who"), {g->who}, false, y);
    y += section(ctx, "guide.materials", t.text("guides.materials"), g->materials, true, y);
    y += section(ctx, "guide.steps", t.text("guides.steps"), g->steps, true, y);
    y += section(ctx, "guide.place", t.text("guides.place"), {g->place}, false, y);
    y += section(ctx, "guide.hours", t.text("guides.hours"), {g->hours}, false, y);
    y += section(ctx, "guide.fee", t.text("guides.fee"), {g->fee}, false, y);
    y += section(ctx, "guide.processing_time", t.text("guides.processing_time"), {g->processing_time}, false, y);
    std::vector<std::string> online{online_words(ctx, *g)};
    if (g->online && !g->online_url.empty()) online.push_back(g->online_url);
    y += section(ctx, "guide.online", t.text("guides.online_url"), online, false, y);
    ctx.end_page(y);
}

namespace {

// The address phones open: the one the server advertises (its public_url), else the one this app
// reached it at (on a kiosk beside its server that may be 127.0.0.1, useless to a phone).
std::string phone_site_url(const PageContext& ctx) {
    const std::string& advertised = ctx.state.data.site.value.public_url;
    return advertised.empty() ? std::string(ctx.site_url) : advertised;
}

}  // namespace

void draw_guide_qr_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const std::string& id = ctx.state.route.arg;
    const Guide* g = find_guide(ctx, std::atoll(id.c_str()));
    float y = page_header(ctx, g ? g->title : ctx.strings.text("tile.guides"));
    const float px = ctx.profile.body_px;
    y += text_block(ctx, "qr.title", ctx.strings.text("qr.title"), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                    ctx.palette.text, ctx.palette.background, Role::Heading);
    y += text_block(ctx, "qr.hint", ctx.strings.text("qr.hint"), ImVec2(area.x, y), area.w, px, ctx.palette.text,
                    ctx.palette.background) + px * 0.5f;
    // The browser build, opened straight on this guide. The link itself is not printed: nobody types
    // it, and a line of http://...?surface= only puzzles the reader.
    const std::string link = phone_site_url(ctx) + "/?surface=browser&open=guide_detail/" + id;
    const float side = std::min(area.w, std::max(ctx.profile.min_target_h * 3, std::min(area.w, ctx.content().h) * 0.5f));
    y += qr_code(ctx, "qr.code", link, ImVec2(area.center_x() - side / 2, y), side);  // centred: where a phone is held
    ctx.end_page(y);
}

}  // namespace elder
