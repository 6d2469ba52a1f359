#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

void draw_coming_soon_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const Palette& p = ctx.palette;
    const float body = ctx.profile.body_px;
    float y = area.y;
    y += text_line(ctx, "page.title", "heading", ctx.strings.text(screen_title_key(ctx.state.screen)),
                   ImVec2(area.x, y), ctx.profile.heading_px, p.text, p.background).y + body;
    y += text_block(ctx, "page.coming_soon", ctx.strings.text("page.coming_soon"), ImVec2(area.x, y), area.w,
                    body, p.text, p.background);
    y += text_block(ctx, "page.back_hint", ctx.strings.text("page.back_hint"), ImVec2(area.x, y), area.w, body,
                    p.text_muted, p.background) + body;

    const std::string label = ctx.strings.text("page.back_home");
    const float w = std::max(ctx.profile.min_target_w * 3, text_width(ctx, label, ctx.profile.tile_label_px) + 2 * body);
    const float h = std::max(ctx.profile.min_target_h, ctx.profile.tile_label_px * 2);
    tile(ctx, {"page.back_home", label, "", "", {area.x, y, std::min(w, area.w), h}, p.tile, GoBack{}});
}

}  // namespace elder
