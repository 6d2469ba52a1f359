#include "spatial_nav.hpp"

#include <limits>

namespace elder {
namespace {

// Distance along the move (negative when `to` is not ahead), how far sideways `to` lies, and whether `to` lies in the beam: the band the current item sweeps
// when moved in `dir`.
struct Offset { float along, across; bool in_beam; };

bool overlap(float a0, float a1, float b0, float b1) { return a0 < b1 && b0 < a1; }

// The gap between [a0, a1] and [b0, b1], 0 when they overlap: a wide item (a text box across the
// page) is straight ahead of a small button under any part of it, and ties go to reading order.
float gap(float a0, float a1, float b0, float b1) { return b0 > a1 ? b0 - a1 : a0 > b1 ? a0 - b1 : 0.0f; }

Offset offset(const Rect& from, const Rect& to, Direction dir) {
    const bool horizontal = dir == Direction::Left || dir == Direction::Right;
    const float across = horizontal ? gap(from.y, from.bottom(), to.y, to.bottom()) : gap(from.x, from.right(), to.x, to.right());
    const bool in_beam = horizontal ? overlap(from.y, from.bottom(), to.y, to.bottom())
                                    : overlap(from.x, from.right(), to.x, to.right());
    switch (dir) {
        case Direction::Right: return {to.x - from.right(), across, in_beam};
        case Direction::Left: return {from.x - to.right(), across, in_beam};
        case Direction::Down: return {to.y - from.bottom(), across, in_beam};
        case Direction::Up: return {from.y - to.bottom(), across, in_beam};
    }
    return {-1, 0, false};
}

}  // namespace

int spatial_move(const std::vector<Rect>& rects, int from, Direction dir) {
    if (from < 0 || from >= static_cast<int>(rects.size())) return rects.empty() ? -1 : 0;
    constexpr float kAcrossWeight = 3.0f;  // prefer the same row/column over a nearer diagonal
    constexpr float kOverlapSlack = 1.0f;  // touching or 1 px overlapping items still count as ahead
    int best = from;
    float best_score = std::numeric_limits<float>::max();
    for (int i = 0; i < static_cast<int>(rects.size()); ++i) {
        if (i == from) continue;
        const Offset o = offset(rects[from], rects[i], dir);
        if (o.along < -kOverlapSlack) continue;
        // Anything in the beam (same row or column) beats anything outside it.
        const float beam_penalty = o.in_beam ? 0.0f : 1e6f;
        const float score = beam_penalty + std::max(o.along, 0.0f) + kAcrossWeight * o.across;
        if (score < best_score) {
            best_score = score;
            best = i;
        }
    }
    return best;
}

}  // namespace elder
