#include <algorithm>
#include <cmath>

#include "alert_words.hpp"
#include "core/date_text.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// The community's own name once the server (or the offline copy) has told it.
std::string community_name(const PageContext& ctx) {
    const auto& site = ctx.state.data.site;
    if (site.fetch.freshness != Freshness::None && !site.value.community_name.empty()) return site.value.community_name;
    return ctx.strings.text("home.community");
}

// Header: community name on the left, date and clock on the right. Returns its height.
float draw_header(PageContext& ctx, const Rect& area) {
    const Palette& p = ctx.palette;
    const float title_px = ctx.profile.heading_px;
    const float body_px = ctx.profile.body_px;
    const std::string name = community_name(ctx);
    text_line(ctx, "home.community", Role::Heading, name, ImVec2(area.x, area.y), title_px, p.text, p.background);

    const std::string date = format_date(ctx.strings, ctx.now) + "  " + clock_words(ctx.strings, ctx.now);
    const float date_w = text_width(ctx, date, body_px);
    const bool fits_beside = date_w + text_width(ctx, name, title_px) + body_px < area.w;
    const ImVec2 date_pos = fits_beside ? ImVec2(area.right() - date_w, area.y + (title_px - body_px))
                                        : ImVec2(area.x, area.y + title_px * 1.3f);
    if (fits_beside || date_w <= area.w) {
        text_line(ctx, "home.date", Role::Text, date, date_pos, body_px, p.text_muted, p.background);
        return (fits_beside ? title_px : date_pos.y - area.y + body_px) + title_px * 0.6f;
    }
    // A narrow phone at the largest text: the date, then the time, each on its own line.
    text_line(ctx, "home.date", Role::Text, format_date(ctx.strings, ctx.now), date_pos, body_px, p.text_muted, p.background);
    const ImVec2 clock_pos(area.x, date_pos.y + body_px * 1.3f);
    text_line(ctx, "home.clock", Role::Text, clock_words(ctx.strings, ctx.now), clock_pos, body_px, p.text_muted, p.background);
    return clock_pos.y - area.y + body_px + title_px * 0.6f;
}

// A first start without a network has nothing saved: "showing what was saved" would be untrue.
bool nothing_saved(const DataState& d) {
    for (const FetchState* f : list_fetches(d))
        if (f->freshness != Freshness::None) return false;
    return true;
}

// Said plainly while the saved copy stands in for the server (it cannot be reached, or it fails or
// garbles its answers), so that nobody mistakes old news for new.
float draw_offline_notice(PageContext& ctx, const Rect& area, float y) {
    const DataState& d = ctx.state.data;
    const bool offline = !d.online;
    if (!offline && !shows_saved_copy_of_failing(d)) return 0;
    const float px = ctx.profile.body_px;
    const char* offline_key = nothing_saved(d) ? "status.offline_nothing_saved" : "status.offline";
    return text_block(ctx, offline ? "home.offline" : "home.server_error",
                      ctx.strings.text(offline ? offline_key : "status.server_error"), ImVec2(area.x, y), area.w, px,
                      ctx.palette.text, ctx.palette.background) + px * 0.6f;
}

// 报平安 (issue 18): for a household that checks in daily, one large button until it is pressed
// today, then one line that says it was. Nothing for anyone else, or on a day the household is away.
bool shows_check_in(const PageContext& ctx) {
    const CheckInState& today = ctx.state.check_in.today;
    return today.enrolled && !today.away_today;
}

// "今天已报平安，上午10:15": the button is for today only, so the line names the time of day alone.
std::string checked_in_line(const PageContext& ctx) {
    const auto at = parse_iso_time(ctx.state.check_in.today.checked_in_at, ctx.utc_offset());
    const std::string when = at ? clock_words(ctx.strings, *at) : ctx.state.check_in.today.checked_in_at;
    return ctx.strings.format("home.checked_in", {{"time", when}});
}

float check_in_height(const PageContext& ctx, float w) {
    if (!shows_check_in(ctx)) return 0;
    if (!ctx.state.check_in.today.checked_in_at.empty()) return text_block_height(ctx, checked_in_line(ctx), w, ctx.profile.body_px);
    return std::max(ctx.profile.min_target_h, ctx.profile.tile_label_px + ctx.profile.body_px * 2.5f);
}

// Drawn after the tiles (so that tile N stays focus item N-1) in the room kept above them; on a
// TV the focus starts on it, so that one OK says 我很好.
void draw_check_in(PageContext& ctx, const Rect& r) {
    const CheckIn& c = ctx.state.check_in;
    if (!c.today.checked_in_at.empty()) {
        text_block(ctx, "home.checked_in", checked_in_line(ctx), ImVec2(r.x, r.y), r.w, ctx.profile.body_px, ctx.palette.text,
                   ctx.palette.background);
        return;
    }
    const char* hint = c.failed ? "home.check_in_failed" : c.sending ? "home.check_in_sending" : "home.check_in_hint";
    tile(ctx, TileSpec{"home.check_in", ctx.strings.text("home.check_in"), ctx.strings.text(hint), "", r, ctx.palette.tile,
                       CheckInToday{}});
    ctx.tree.focus_on_entry("home.check_in");
}

// The lines of the alert banner: the most severe active alert, in words (the level is a word, not
// only a colour), and how many more there are. Empty when there is no active alert.
// As many columns as the surface likes, but never so many that a tile's label would not fit
// (the largest text size needs fewer, wider tiles).
int home_columns(const PageContext& ctx, float width) {
    float widest = 0;
    for (const HomeTile& t : home_tiles())
        widest = std::max(widest, text_width(ctx, ctx.strings.text(t.label_key), ctx.profile.tile_label_px));
    int cols = ctx.profile.home_columns;
    while (cols > 1 && (width - ctx.profile.gap * (cols - 1)) / cols < widest + ctx.profile.body_px) --cols;
    // Rows as full as they can be: nine tiles are three rows of three, not two of four and one alone.
    const int count = static_cast<int>(home_tiles().size());
    const int rows = (count + cols - 1) / cols;
    return (count + rows - 1) / rows;
}

}  // namespace

void draw_home_page(PageContext& ctx) {
    Rect area = ctx.content();
    area.y = ctx.top();
    float header_h = draw_header(ctx, area);
    header_h += draw_offline_notice(ctx, area, area.y + header_h);
    // The banner sits above the tiles but joins the semantics tree after them, so that tile N stays
    // focus item N-1 (number keys) whether or not an alert is showing.
    const std::vector<CardLine> banner = alert_banner_lines(ctx);
    const float banner_y = area.y + header_h;
    if (!banner.empty()) header_h += card_height(ctx, banner, area.w) + ctx.profile.gap;
    const Rect check_in{area.x, area.y + header_h, area.w, check_in_height(ctx, area.w)};
    if (check_in.h > 0) header_h += check_in.h + ctx.profile.gap;

    const auto& tiles = home_tiles();
    const int cols = home_columns(ctx, area.w);
    const int rows = (static_cast<int>(tiles.size()) + cols - 1) / cols;
    const float gap = ctx.profile.gap;
    const float tile_w = std::floor((area.w - gap * (cols - 1)) / cols);
    const float avail_h = ctx.content().h - header_h;
    const float text_h = ctx.profile.tile_label_px + ctx.profile.body_px * 2.5f;  // label, hint, room around
    const float tile_h = std::floor(std::max({ctx.profile.min_target_h, text_h, (avail_h - gap * (rows - 1)) / rows}));
    const bool numbered = ctx.profile.can.remote_control;  // the remote's number keys open the tiles

    const int count = static_cast<int>(tiles.size());
    for (int i = 0; i < count; ++i) {
        const HomeTile& t = tiles[i];
        // A last row that is not full shares the whole width: no tile stands alone beside a hole
        // (社区公告 on a portrait kiosk).
        const int in_row = std::min(cols, count - i / cols * cols);
        const float w = in_row == cols ? tile_w : std::floor((area.w - gap * (in_row - 1)) / in_row);
        const float x = area.x + (i % cols) * (w + gap);
        const float y = area.y + header_h + (i / cols) * (tile_h + gap);
        TileSpec spec{std::string(t.label_key),
                      ctx.strings.text(t.label_key),
                      ctx.strings.text(t.hint_key),
                      numbered ? std::to_string(i + 1) : std::string(),
                      {x, y, w, tile_h},
                      t.screen == Screen::Sos ? ctx.palette.sos_tile : ctx.palette.tile,
                      OpenScreen{t.screen, ""}};
        tile(ctx, spec);
    }
    if (!banner.empty()) card(ctx, "home.alert", banner, area.x, banner_y, area.w, OpenScreen{Screen::Alerts, ""});
    if (check_in.h > 0) draw_check_in(ctx, check_in);
    ctx.end_page(area.y + header_h + rows * tile_h + (rows - 1) * gap);
}

}  // namespace elder
