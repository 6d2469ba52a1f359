#pragma once
// What the page must not draw at the bottom of its area: a row that does not fit whole is not shown
// at all (下面还有 stands under the page), a long paragraph shows its whole lines only. Found in the
// last frame's tree, which has this frame's layout when nothing changed (and when something did,
// the frame after it is drawn with the right cuts).
#include <vector>

#include "semantics.hpp"

namespace elder {

// The parts of the page to leave blank, in this frame's coordinates: for each row or paragraph of
// `tree` (the last frame) across the bottom `edge` of this frame's scroll area, once the page has
// moved `shift` further down its content (the scroll offset's change), the rectangle from its first
// cut-off line to `edge`. Column by column: a row cut on the left hides nothing on the right.
std::vector<Rect> bottom_cuts(const SemanticsTree& tree, float edge, float shift);
// Whether two frames' cuts are the same (to half a pixel).
bool same_cuts(const std::vector<Rect>& a, const std::vector<Rect>& b);

}  // namespace elder
