#include "printer.hpp"

#include <emscripten/emscripten.h>

#include <string>

namespace elder {
namespace {

std::string escape_html(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// The page shell's #print-ticket holds the printout; the print stylesheet shows only it.
EM_JS(void, shell_print, (const char* html), {
    const target = document.getElementById('print-ticket');
    if (!target) return;
    target.innerHTML = UTF8ToString(html);
    if (target.innerHTML) window.print();
});

}  // namespace

bool can_print() { return true; }

void print(const Printout& p) {
    if (p.heading.empty()) return shell_print("");
    // Large type for readers with weak eyesight: the time biggest, then the headline (web/kiosk.css).
    std::string html = "<h1>" + escape_html(p.heading) + "</h1>";
    if (!p.headline.empty()) html += "<p class=\"headline\">" + escape_html(p.headline) + "</p>";
    if (!p.time.empty()) html += "<p class=\"time\">" + escape_html(p.time) + "</p>";
    for (const std::string& line : p.lines) html += "<p>" + escape_html(line) + "</p>";
    if (!p.qr_svg.empty())  // made by the app from the appointment code: no outside text in it
        html += "<figure>" + p.qr_svg + "<figcaption>" + escape_html(p.qr_caption) + "</figcaption></figure>";
    if (!p.footer.empty()) html += "<p class=\"footer\">" + escape_html(p.footer) + "</p>";
    shell_print(html.c_str());
}

}  // namespace elder
