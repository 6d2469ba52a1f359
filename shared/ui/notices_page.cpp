// 社区公告: the community's own notices, pinned ones first, then the newest; each card holds the
// whole notice (title, when it was published, the text). OK reads a notice aloud.
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

void draw_notices_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    float y = page_header(ctx, t.text("tile.notices"));
    const auto& notices = ctx.state.data.notices;
    y += data_notice(ctx, notices.fetch, notices.value.empty(), "notices.empty", y);
    const float px = ctx.profile.body_px;
    for (const Notice& n : notices.value) {
        const std::string when = t.format("notices.published", {{"when", ctx.moment(n.published)}});
        const std::vector<CardLine> lines{
            {n.pinned ? t.format("notices.pinned_title", {{"title", n.title}}) : n.title, ctx.profile.heading_px},
            {when, px, true},
            {n.body, px},
        };
        const std::string stop = t.text("text.stop");
        y += card(ctx, "notice." + std::to_string(n.id), lines, area.x, y, area.w, ReadAloud{n.title + stop + when + stop + n.body});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

}  // namespace elder
