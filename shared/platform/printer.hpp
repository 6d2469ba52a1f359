#pragma once
// Printing a ticket. In browsers the printout goes into a hidden element that only the print
// stylesheet shows (web/kiosk.css), then window.print(); a kiosk's Chromium started with
// --kiosk-printing prints it without a dialog. Set-top boxes have no printer.
// One implementation per platform: printer_native.cpp, printer_web.cpp.
#include "core/effects.hpp"

namespace elder {

// Whether this platform can print at all (the ticket page offers 打印凭证 only then).
bool can_print();
// An empty printout (no heading) prints nothing and clears what was last printed from the page.
void print(const Printout& printout);

}  // namespace elder
