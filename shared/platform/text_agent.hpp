#pragma once
// Typing text the canvas cannot take: in browsers a real <input> element placed over the app's text
// box, so that the system's input method (pinyin IME) works and its candidates appear there
// (egui's "text agent"). Natively the TV has no keyboard: the agent does nothing.
// One implementation per platform: text_agent_native.cpp, text_agent_web.cpp.
#include <memory>
#include <optional>
#include <string>

#include "core/geometry.hpp"

namespace elder {

class TextAgent {
public:
    virtual ~TextAgent() = default;
    // Shows the input over `rect` (layout units) holding `text`, focused; again with the same
    // arguments changes nothing.
    virtual void show(const Rect& rect, const std::string& text) = 0;
    virtual void hide() = 0;
    // True while the input has the keyboard: key events belong to it, not to the app.
    virtual bool active() const = 0;
    // The input's text if it changed since the last call (whole words, after IME composition).
    virtual std::optional<std::string> take_text() = 0;
    // True once after the resident closed the input (Enter, Escape, or focus left it).
    virtual bool take_closed() = 0;
};

std::unique_ptr<TextAgent> make_text_agent();

}  // namespace elder
