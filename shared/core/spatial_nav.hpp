#pragma once
// Remote-control focus movement: which item does an arrow key lead to?
#include <vector>

#include "geometry.hpp"

namespace elder {

// Returns the index of the item in `rects` that an arrow press in `dir` moves to from item `from`,
// or `from` itself when nothing lies in that direction (focus never disappears).
// Items must lie beyond the current one in that direction. Items in the same row or column win
// over others (the Android TV "beam" rule); then the nearest, with sideways offset weighted more.
int spatial_move(const std::vector<Rect>& rects, int from, Direction dir);

}  // namespace elder
