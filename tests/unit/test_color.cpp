#include <catch2/catch.hpp>

#include "core/color.hpp"

using namespace elder;

TEST_CASE("contrast ratio follows WCAG 2.x") {
    CHECK(contrast_ratio(rgb_hex(0x000000), rgb_hex(0xFFFFFF)) == Approx(21.0));
    CHECK(contrast_ratio(rgb_hex(0xFFFFFF), rgb_hex(0xFFFFFF)) == Approx(1.0));
    // WCAG's own example: #767676 on white is the lightest grey that passes 4.5:1.
    CHECK(contrast_ratio(rgb_hex(0x767676), rgb_hex(0xFFFFFF)) == Approx(4.54).epsilon(0.005));
    CHECK(contrast_ratio(rgb_hex(0x777777), rgb_hex(0xFFFFFF)) < 4.5);
}

TEST_CASE("contrast ratio is symmetric") {
    const Rgb a = rgb_hex(0x1F3B63), b = rgb_hex(0xFFD23F);
    CHECK(contrast_ratio(a, b) == Approx(contrast_ratio(b, a)));
}

TEST_CASE("rgb_hex splits channels") {
    const Rgb c = rgb_hex(0x123456);
    CHECK(c.r == 0x12);
    CHECK(c.g == 0x34);
    CHECK(c.b == 0x56);
}
