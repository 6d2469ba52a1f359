#include "semantics.hpp"

#include <cstdio>

#include <nlohmann/json.hpp>

namespace elder {
namespace {

std::string hex(Rgb c) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "#%02X%02X%02X", c.r, c.g, c.b);
    return buf;
}

}  // namespace

int SemanticsTree::add(SemNode node) {
    const bool focusable = node.action.has_value();
    node.visible = node.rect.intersects(area_);
    for (const Rect& cut : cuts_)  // a row cut off at the bottom edge is not drawn: not visible either
        if (node.rect.y >= cut.y - 0.5f && node.rect.x < cut.right() && cut.x < node.rect.right()) node.visible = false;
    nodes_.push_back(std::move(node));
    if (!focusable) return -1;
    focusables_.push_back(nodes_.size() - 1);
    return static_cast<int>(focusables_.size()) - 1;
}

const char* role_name(Role role) {
    switch (role) {
        case Role::Text: return "text";
        case Role::Heading: return "heading";
        case Role::Button: return "button";
        case Role::Textbox: return "textbox";
        case Role::Image: return "image";
        case Role::Status: return "status";
        case Role::Alert: return "alert";
    }
    return "text";
}

int SemanticsTree::focus_index_of(const std::string& id) const {
    for (size_t i = 0; i < focusables_.size(); ++i)
        if (nodes_[focusables_[i]].id == id) return static_cast<int>(i);
    return -1;
}

bool SemanticsTree::focus_on_entry(const std::string& id) {
    for (SemNode& n : nodes_)
        if (n.id == id && n.action) return n.entry = true;
    return false;
}

const SemNode* SemanticsTree::focused() const {
    for (size_t i : focusables_)
        if (nodes_[i].focused) return &nodes_[i];
    return nullptr;
}

std::vector<Rect> SemanticsTree::focusable_rects() const {
    std::vector<Rect> rects;
    rects.reserve(focusables_.size());
    for (size_t i : focusables_) rects.push_back(nodes_[i].rect);
    return rects;
}

nlohmann::json SemanticsTree::to_json() const {
    auto out = nlohmann::json::array();
    for (size_t i = 0; i < nodes_.size(); ++i) {
        const SemNode& n = nodes_[i];
        out.push_back({
            {"id", n.id},
            {"role", role_name(n.role)},
            {"label", n.label},
            {"rect", {n.rect.x, n.rect.y, n.rect.w, n.rect.h}},
            {"text_px", n.text_px},
            {"fg", hex(n.fg)},
            {"bg", hex(n.bg)},
            {"focusable", n.action.has_value()},
            {"focused", n.focused},
            {"visible", n.visible},
            {"list_item", n.list_item},
            {"fixed", is_fixed(i)},
        });
    }
    return out;
}

}  // namespace elder
