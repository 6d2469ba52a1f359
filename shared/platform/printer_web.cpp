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
    std::string html = "<h1>" + escape_html(p.heading) + "</h1>";
    for (const std::string& line : p.lines) html += "<p>" + escape_html(line) + "</p>";
    html += p.qr_svg;  // made by the app from the appointment code: no outside text in it
    shell_print(html.c_str());
}

}  // namespace elder
