#pragma once
// The few widgets the pages are made of. Each draws itself and adds its node to the semantics tree.
#include <string>

#include "page_context.hpp"

namespace elder {

// One line of text with its top-left corner at `pos`; returns its size.
ImVec2 text_line(PageContext& ctx, const std::string& id, const char* role, const std::string& text,
                 ImVec2 pos, float px, Rgb fg, Rgb bg);

// A paragraph wrapped to `width` with 1.5x line spacing; returns its height.
float text_block(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos,
                 float width, float px, Rgb fg, Rgb bg);

struct TileSpec {
    std::string id;
    std::string label;
    std::string hint;    // smaller second line, may be empty
    std::string badge;   // small corner mark (the remote's number key), may be empty
    Rect rect;
    Rgb fill;
    Action action;
};

// A large focusable, tappable tile. Emits its action when tapped or clicked.
void tile(PageContext& ctx, const TileSpec& spec);

// Width of `text` at `px`, for layout.
float text_width(const PageContext& ctx, const std::string& text, float px);

}  // namespace elder
