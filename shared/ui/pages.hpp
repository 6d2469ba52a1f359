#pragma once
// The pages: one draw function per row of core/page_list.hpp (each draws the whole display for the
// current state), and the two that draw over any page.
#include <string>

#include "page_context.hpp"

namespace elder {

#define ELDER_DECLARE_DRAW(id, name, title, tile, who, opened, draw) void draw(PageContext& ctx);
ELDER_PAGES(ELDER_DECLARE_DRAW)
#undef ELDER_DECLARE_DRAW

// The page of the current route (ctx.state.route), as page_list.hpp names it.
void draw_route_page(PageContext& ctx);

// Over any page while a severe alert waits for 我知道了 (interrupting_alert in core/state.hpp).
void draw_interruption_page(PageContext& ctx, const Alert& alert);
// A kiosk 20 s before an idle session ends (session_pages.cpp).
void draw_idle_warning_page(PageContext& ctx, int seconds_left);

}  // namespace elder
