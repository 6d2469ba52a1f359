#include "pages.hpp"

namespace elder {
namespace {

using Draw = void (*)(PageContext&);

#define ELDER_DRAW_ROW(id, name, title, tile, who, opened, draw) &draw,
const Draw kDraw[] = {ELDER_PAGES(ELDER_DRAW_ROW)};
#undef ELDER_DRAW_ROW

}  // namespace

void draw_route_page(PageContext& ctx) { kDraw[static_cast<size_t>(ctx.state.route.screen)](ctx); }

}  // namespace elder
