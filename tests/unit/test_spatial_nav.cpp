#include <catch2/catch.hpp>

#include "core/spatial_nav.hpp"

using namespace elder;

namespace {

// A 4x2 grid of 100x100 items with 20 px gaps, indices row by row.
std::vector<Rect> grid() {
    std::vector<Rect> r;
    for (int row = 0; row < 2; ++row)
        for (int col = 0; col < 4; ++col) r.push_back({col * 120.f, row * 120.f, 100, 100});
    return r;
}

}  // namespace

TEST_CASE("arrows move within a grid") {
    const auto g = grid();
    CHECK(spatial_move(g, 0, Direction::Right) == 1);
    CHECK(spatial_move(g, 1, Direction::Left) == 0);
    CHECK(spatial_move(g, 1, Direction::Down) == 5);
    CHECK(spatial_move(g, 6, Direction::Up) == 2);
}

TEST_CASE("at an edge focus stays where it is") {
    const auto g = grid();
    CHECK(spatial_move(g, 0, Direction::Left) == 0);
    CHECK(spatial_move(g, 0, Direction::Up) == 0);
    CHECK(spatial_move(g, 3, Direction::Right) == 3);
    CHECK(spatial_move(g, 7, Direction::Down) == 7);
}

TEST_CASE("same row is preferred over a nearer diagonal") {
    // Item 1 is far to the right in the same row; item 2 is close but one row down.
    const std::vector<Rect> r{{0, 0, 100, 100}, {600, 0, 100, 100}, {120, 130, 100, 100}};
    CHECK(spatial_move(r, 0, Direction::Right) == 1);
}

TEST_CASE("every item of a grid is reachable by arrows alone") {
    const auto g = grid();
    std::vector<bool> seen(g.size(), false);
    std::vector<int> todo{0};
    seen[0] = true;
    while (!todo.empty()) {
        const int at = todo.back();
        todo.pop_back();
        for (Direction d : {Direction::Up, Direction::Down, Direction::Left, Direction::Right}) {
            const int to = spatial_move(g, at, d);
            if (!seen[to]) seen[to] = true, todo.push_back(to);
        }
    }
    CHECK(std::count(seen.begin(), seen.end(), true) == static_cast<long>(g.size()));
}

TEST_CASE("degenerate input") {
    CHECK(spatial_move({}, 0, Direction::Right) == -1);
    CHECK(spatial_move(grid(), 99, Direction::Right) == 0);
    CHECK(spatial_move({{0, 0, 10, 10}}, 0, Direction::Down) == 0);
}

TEST_CASE("a wide text box straight above a small button is Up from it, not a far button in line with its centre") {
    // A form: Back at the top left, a full-width box, then two small buttons under it.
    const std::vector<Rect> rects{{160, 16, 74, 60}, {160, 258, 960, 60}, {160, 396, 125, 60}, {301, 396, 74, 60}};
    CHECK(spatial_move(rects, 2, Direction::Up) == 1);
    CHECK(spatial_move(rects, 3, Direction::Up) == 1);
    CHECK(spatial_move(rects, 1, Direction::Up) == 0);
    CHECK(spatial_move(rects, 1, Direction::Down) == 2);  // the first button under it
}
