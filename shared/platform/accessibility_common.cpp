#include <cmath>

#include <nlohmann/json.hpp>

#include "accessibility.hpp"

namespace elder {

void mirror_to_platform(const std::string& json);  // accessibility_native.cpp / accessibility_web.cpp

void AccessibilityMirror::update(const SemanticsTree& tree, bool dialog, const std::string& language) {
    auto nodes = nlohmann::json::array();
    for (const SemNode& n : tree.nodes()) {
        if (n.label.empty() && !n.action) continue;  // nothing to say or do
        nodes.push_back({{"id", n.id}, {"role", role_name(n.role)}, {"label", n.label},
                         {"rect", {std::round(n.rect.x), std::round(n.rect.y), std::round(n.rect.w), std::round(n.rect.h)}},
                         {"focusable", n.action.has_value()}, {"focused", n.focused}, {"visible", n.visible},
                         {"list_item", n.list_item}});
    }
    std::string json = nlohmann::json{{"dialog", dialog}, {"lang", language}, {"nodes", nodes}}.dump();
    if (json == last_) return;
    last_ = std::move(json);
    mirror_to_platform(last_);
}

}  // namespace elder
