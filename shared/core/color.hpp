#pragma once
// Colours as plain data, and the WCAG 2.x contrast ratio used to check every text/background pair.
#include <cstdint>

namespace elder {

struct Rgb {
    std::uint8_t r = 0, g = 0, b = 0;
    constexpr bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
};

constexpr Rgb rgb_hex(std::uint32_t hex) {
    return Rgb{static_cast<std::uint8_t>(hex >> 16), static_cast<std::uint8_t>(hex >> 8),
               static_cast<std::uint8_t>(hex)};
}

// WCAG 2.x relative luminance, 0 (black) .. 1 (white).
double relative_luminance(Rgb c);

// WCAG 2.x contrast ratio, 1 .. 21, symmetric in its arguments.
double contrast_ratio(Rgb a, Rgb b);

}  // namespace elder
