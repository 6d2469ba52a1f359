#include "bottom_cut.hpp"

#include <cmath>

namespace elder {

std::vector<Rect> bottom_cuts(const SemanticsTree& tree, float edge, float shift) {
    const Rect& view = tree.scroll_area();
    std::vector<Rect> cuts;
    for (size_t i = tree.first_scrolled(); i < tree.nodes().size(); ++i) {
        const SemNode& n = tree.nodes()[i];
        if (tree.is_fixed(i)) continue;
        const float top = n.rect.y - shift;
        if (top >= edge || n.rect.bottom() - shift <= edge) continue;  // not across the edge
        float from = top;  // a row: not drawn at all
        if (n.rect.h > view.h / 2) {  // a long paragraph: its whole lines (a tall card: what is inside decides)
            if (n.role == Role::Button || n.text_px <= 0) continue;
            const float line = n.text_px * 1.5f;
            from = top + std::floor((edge - top) / line) * line;
        }
        if (from < view.y) continue;  // taller than the area itself: nothing better to show
        cuts.push_back({n.rect.x, from, n.rect.w, edge - from});
    }
    return cuts;
}

bool same_cuts(const std::vector<Rect>& a, const std::vector<Rect>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::fabs(a[i].x - b[i].x) > 0.5f || std::fabs(a[i].y - b[i].y) > 0.5f || std::fabs(a[i].w - b[i].w) > 0.5f) return false;
    return true;
}

}  // namespace elder
