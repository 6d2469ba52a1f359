#pragma once
// The few widgets the pages are made of. Each draws itself and adds its node to the semantics tree.
#include <string>
#include <vector>

#include "page_context.hpp"

namespace elder {

// One line of text with its top-left corner at `pos`; returns its size.
ImVec2 text_line(PageContext& ctx, const std::string& id, Role role, const std::string& text,
                 ImVec2 pos, float px, Rgb fg, Rgb bg);

// A paragraph wrapped to `width` with 1.5x line spacing; returns its height.
float text_block(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos,
                 float width, float px, Rgb fg, Rgb bg, Role role = Role::Text);

struct TileSpec {
    std::string id;
    std::string label;
    std::string hint;    // smaller second line, may be empty
    std::string badge;   // small corner mark (the remote's number key), may be empty
    Rect rect;
    Rgb fill;
    Action action;
    float label_px = 0;  // 0: the surface's tile label size
    Role role = Role::Button;  // Role::Textbox for a box that opens typing
};

// A large focusable, tappable tile. Emits its action when tapped or clicked.
void tile(PageContext& ctx, const TileSpec& spec);

// A box to type into (Role::Textbox): filled with `spec.fill`, outlined, its text from the left, so
// that it never looks like a button. `placeholder`: the text says how to fill it (muted colour).
void text_box(PageContext& ctx, const TileSpec& spec, bool placeholder);

struct GridItem {
    std::string id, label, hint;
    Action action;
};
// Tiles for a set of choices (categories, themes): 3 columns on wide screens, 2 on narrow ones, a
// little smaller than the home tiles. Returns the y below the grid.
float tile_grid(PageContext& ctx, const std::vector<GridItem>& items, float y);

// How wide button() makes a button saying `label`: its words at body size with room on each side,
// at least the surface's target width.
float button_width(const PageContext& ctx, const std::string& label);

// A button sized to its words (at body size), at least the surface's target size; returns its rect.
Rect button(PageContext& ctx, const std::string& id, const std::string& label, ImVec2 pos, const Action& action,
            Rgb fill);

struct ButtonSpec {
    std::string id, label;
    Action action;
    Rgb fill;
    bool entry = false;  // a forward action: the page opens focused on the first such button
};
// Buttons left to right from `pos`, each moving to the next line when it does not fit beside the
// one before. Returns the y below the last.
float button_row(PageContext& ctx, const std::vector<ButtonSpec>& buttons, ImVec2 pos);

struct RowSpec {
    std::string id;
    std::string title;   // wraps over as many lines as it needs
    std::string detail;  // one smaller line under it, may be empty
    std::string marker;  // a short word at the start, in the accent colour (新), may be empty
    float x, y, w;
    Action action;
};
// A full-width list entry; returns its height.
float list_row(PageContext& ctx, const RowSpec& spec);

struct CardLine {
    std::string text;
    float px;           // text size
    bool muted = false; // secondary colour
};
// The height text_block will take for `text`, without drawing it.
float text_block_height(const PageContext& ctx, const std::string& text, float width, float px);
// The lines text_block would draw `text` in (to keep a phone number or a headline's last word whole).
std::vector<std::string> text_block_lines(const PageContext& ctx, const std::string& text, float width, float px);

// The height card() will take, for layouts that must know it first.
float card_height(const PageContext& ctx, const std::vector<CardLine>& lines, float w);

// A focusable card of several wrapped lines (a contact: who, phone in large digits, hours, address).
// OK or a tap performs `action`. Returns its height.
float card(PageContext& ctx, const std::string& id, const std::vector<CardLine>& lines, float x, float y, float w,
           const Action& action);

// A small heading followed by a paragraph or a list; returns the height. Numbered lists for steps.
// `width`: 0 for the content's width (a column beside a QR code passes its own).
float section(PageContext& ctx, const std::string& id, const std::string& heading, const std::vector<std::string>& items,
              bool numbered, float y, float width = 0);

// The top of every page but home: a Back button (touch has no Back key), the page title, 朗读 and
// the alert line, pinned while the content scrolls under it. Returns the y where the page's
// content starts (scrolled).
float page_header(PageContext& ctx, const std::string& title);

// The 下面还有 line at the bottom of a page that goes on below the screen, in the height
// more_below_height() keeps free (ctx.reserve_bottom).
void more_below(PageContext& ctx);
float more_below_height(const PageContext& ctx);

// What a list page says instead of (or above) its items: loading, offline with nothing saved, a
// server problem, or empty. Returns the height used (0 when the items speak for themselves).
float data_notice(PageContext& ctx, const FetchState& fetch, bool empty, const std::string& empty_key, float y);

// A QR code of `text`, black on a white square with its quiet zone, `side` wide; returns its
// height (0 when the text is too long to encode, after saying so).
float qr_code(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos, float side);

// The same QR code as an <svg> (black modules on white, with the quiet zone), for printing; "" when
// the text is too long to encode.
std::string qr_svg(const std::string& text);

// Long text in paragraphs (split at line breaks), with paragraph spacing; returns its height.
float paragraphs(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos, float width, float px);

// Width of `text` at `px`, for layout.
float text_width(const PageContext& ctx, const std::string& text, float px);

}  // namespace elder
