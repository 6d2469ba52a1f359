#pragma once
// Colours of the interface. Every text/background pair is checked for contrast in the tests.
#include <imgui.h>

#include "core/color.hpp"

namespace elder {

struct Palette {
    Rgb background;    // the page
    Rgb text;          // main text on the page and on tiles
    Rgb text_muted;    // secondary text (hints, dates); still >= 7:1 on its background
    Rgb tile;          // a home tile or button
    Rgb tile_hover;    // a tile under the mouse
    Rgb sos_tile;      // the emergency tile: a different colour and its own words
    Rgb focus_ring;    // remote / keyboard focus; >= 3:1 against the tile and the page
    Rgb accent;        // markers that need to stand out (新): text colour on `tile` and `background`
    Rgb text_dim;      // what cannot be chosen or no longer holds (a full day, a cancelled ticket): visibly
                       // dimmer than `text_muted`, still >= 7:1 on `background` (9.3:1)
};

const Palette& default_palette();
// Black and white with a yellow focus ring: every text pair >= 12:1 (ACCESSIBILITY.md).
const Palette& high_contrast_palette();
const Palette& palette_for(bool high_contrast);

ImU32 to_imcolor(Rgb c);
void apply_imgui_style(const Palette& palette);

}  // namespace elder
