#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

void draw_coming_soon_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const Palette& p = ctx.palette;
    const float body = ctx.profile.body_px;
    float y = page_header(ctx, ctx.strings.text(screen_title_key(ctx.state.route.screen)));
    y += text_block(ctx, "page.coming_soon", ctx.strings.text("page.coming_soon"), ImVec2(area.x, y), area.w, body,
                    p.text, p.background);
    y += text_block(ctx, "page.back_hint", ctx.strings.text("page.back_hint"), ImVec2(area.x, y), area.w, body,
                    p.text_muted, p.background);
    ctx.end_page(y);
}

}  // namespace elder
