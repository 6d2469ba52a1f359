#include <catch2/catch.hpp>

#include "core/surface.hpp"

using namespace elder;

TEST_CASE("surface profiles carry the numbers of ACCESSIBILITY.md") {
    const auto tv = make_profile(Surface::Tv, 1920, 1080);
    CHECK(tv.body_px >= 40);
    CHECK(tv.heading_px >= 56);
    CHECK(tv.min_target_h >= 120);
    CHECK(tv.safe_x >= 96);
    CHECK(tv.safe_y >= 54);
    CHECK(tv.focus_ring_px >= 6);
    CHECK(tv.focus_ring_always);

    const auto kiosk = make_profile(Surface::Kiosk, 1080, 1920);
    CHECK(kiosk.body_px >= 36);
    CHECK(kiosk.heading_px >= 48);
    CHECK(kiosk.min_target_w >= 120);
    CHECK(kiosk.min_target_h >= 120);
    CHECK(kiosk.home_columns == 2);
    CHECK(make_profile(Surface::Kiosk, 1920, 1080).home_columns == 4);

    const auto browser = make_profile(Surface::Browser, 360, 640);
    CHECK(browser.body_px >= 20);
    CHECK(browser.heading_px >= 28);
    CHECK(browser.min_target_w >= 60);
    CHECK(browser.focus_ring_px >= 3);
}

TEST_CASE("the TV profile scales with the box's output resolution") {
    const auto hd = make_profile(Surface::Tv, 1280, 720);
    CHECK(hd.body_px == Approx(40 * 720 / 1080.0));
    CHECK(hd.body_px >= 22);  // Opera TV's floor at 720p
    CHECK(hd.safe_x == Approx(64));
    CHECK(hd.focus_ring_px == Approx(8 * 720 / 1080.0));
    CHECK(make_profile(Surface::Tv, 3840, 2160).body_px == Approx(80));
    CHECK(make_profile(Surface::Tv, 1920, 1080).body_px == Approx(40));
}

TEST_CASE("surface names round-trip") {
    for (Surface s : {Surface::Tv, Surface::Kiosk, Surface::Browser}) CHECK(parse_surface(surface_name(s)) == s);
    CHECK_FALSE(parse_surface("phone").has_value());
    CHECK_FALSE(parse_surface("").has_value());
}
