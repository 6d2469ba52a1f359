#pragma once
// The semantics tree: every widget also records what it is, what it says and where it is.
// One tree per frame feeds remote-control navigation, tests and (later) read-aloud and ARIA.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/actions.hpp"
#include "core/color.hpp"
#include "core/geometry.hpp"

namespace elder {

// What a node is, as screen readers (ARIA roles) and tests know it.
enum class Role { Text, Heading, Button, Textbox, Image, Status, Alert };
const char* role_name(Role role);  // "text", "heading", ... (ARIA's names)

struct SemNode {
    std::string id;     // stable across frames, e.g. "tile.policies"
    Role role = Role::Text;
    std::string label;  // what it says
    Rect rect;          // in display units (CSS px on the web, px on TV)
    float text_px = 0;  // size of its text
    Rgb fg, bg;         // its text colour and the colour behind it
    std::optional<Action> action;  // what OK / a tap does; set for focusable nodes
    bool focused = false;
    bool visible = true;  // inside the viewport; false for parts of a page scrolled out of view
    bool list_item = false;  // an entry of a list (list_row): screen readers hear "list, N items"
    bool skip_on_entry = false;  // a page opened for the first time focuses the first item after these
                                 // (返回, 结束, 朗读 in its header)
    bool fixed = false;  // stays put when the page scrolls (besides the pinned title bar): 下面还有
    bool entry = false;  // ... or on this one, the page's forward action (确认预约, 我知道了), wherever
                         // it lies: never a destructive one like 取消预约
};

class SemanticsTree {
public:
    // `viewport`: the part of the display pages draw into; nodes outside it are marked not visible.
    void clear(const Rect& viewport) {
        nodes_.clear();
        focusables_.clear();
        viewport_ = area_ = viewport;
        first_scrolled_ = 0;
        cuts_.clear();
    }
    // Where the page scrolls, once its pinned title bar is drawn: the nodes added from now on move
    // with the scroll and are visible only inside `scroll_area`.
    void pin_above(const Rect& scroll_area) { area_ = scroll_area; first_scrolled_ = nodes_.size(); }
    // The nodes added from now on are visible only inside `area` (the page above the 下面还有 line; the
    // whole view again for that line itself).
    void set_area(const Rect& area) { area_ = area; }
    // Nodes added from now on that start inside one of `cuts` (rows across the bottom edge, not
    // drawn) are not visible; none: every node inside the area is.
    void hide_in(std::vector<Rect> cuts) { cuts_ = std::move(cuts); }
    const Rect& viewport() const { return viewport_; }   // the whole view pages draw into
    const Rect& scroll_area() const { return area_; }     // where the scrolled part of the page shows
    size_t first_scrolled() const { return first_scrolled_; }  // nodes before it stay put
    // The focused node, if any.
    const SemNode* focused() const;
    // Adds a node; for nodes with an action, returns their focus index (else -1).
    int add(SemNode node);
    const std::vector<SemNode>& nodes() const { return nodes_; }
    void skip_last_on_entry() { nodes_.back().skip_on_entry = true; }
    void focus_last_on_entry() { nodes_.back().entry = true; }
    // The node `id` (drawn already, e.g. the header's 朗读) is the page's forward action; false if absent.
    bool focus_on_entry(const std::string& id);
    void fix_last() { nodes_.back().fixed = true; }
    // Stays put when the page scrolls: the pinned title bar, 下面还有.
    bool is_fixed(size_t index) const { return index < first_scrolled_ || nodes_[index].fixed; }
    // The focus index of the focusable node `id`, or -1.
    int focus_index_of(const std::string& id) const;
    // The nodes added from index `first` on are drawn over `bg` (a list row or card learns that the
    // pointer is over it, and so its fill, only after laying out its text).
    void set_background(size_t first, Rgb bg) {
        for (size_t i = first; i < nodes_.size(); ++i) nodes_[i].bg = bg;
    }
    int focusable_count() const { return static_cast<int>(focusables_.size()); }
    const SemNode& focusable(int index) const { return nodes_[focusables_[index]]; }
    std::vector<Rect> focusable_rects() const;
    nlohmann::json to_json() const;

private:
    std::vector<SemNode> nodes_;
    std::vector<size_t> focusables_;  // indices into nodes_, in focus order
    Rect viewport_, area_;
    size_t first_scrolled_ = 0;
    std::vector<Rect> cuts_;
};

}  // namespace elder
