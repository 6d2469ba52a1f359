#pragma once
// The semantics tree for screen readers. In browsers the tree is mirrored into real DOM elements
// (web/a11y-mirror.js: buttons, headings, text, a dialog for an interruption, an assertive live
// region for alerts) that screen readers read and activate; natively nothing (a set-top box has no
// screen reader: it reads aloud itself). One implementation per platform: accessibility_native.cpp,
// accessibility_web.cpp.
#include <string>

#include "ui/semantics.hpp"

namespace elder {

class AccessibilityMirror {
public:
    // After each drawn frame; passes the tree on only when what a screen reader sees changed.
    // `dialog`: the page is a modal one (a severe alert, the idle warning); `language`: "zh-CN", "en".
    void update(const SemanticsTree& tree, bool dialog, const std::string& language);

private:
    std::string last_;
};

}  // namespace elder
