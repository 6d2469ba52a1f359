#include "page_checks.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <queue>
#include <set>

#include "core/spatial_nav.hpp"
#include "ui/theme.hpp"

namespace elder::test {

const std::vector<SurfaceCase>& surface_cases() {
    static const std::vector<SurfaceCase> cases{
        {Surface::Tv, 1920, 1080, 40, 56, 120, 120, 96, 54},
        {Surface::Tv, 1280, 720, 40 * 2 / 3.f, 56 * 2 / 3.f, 80, 80, 64, 36},  // a 720p box: the same, scaled
        {Surface::Kiosk, 1080, 1920, 36, 48, 120, 120, 0, 0},
        {Surface::Kiosk, 1920, 1080, 36, 48, 120, 120, 0, 0},
        {Surface::Browser, 360, 640, 20, 28, 60, 60, 0, 0},
        {Surface::Browser, 1280, 800, 20, 28, 60, 60, 0, 0},
    };
    return cases;
}

std::string describe(const SurfaceCase& c) {
    return std::string(surface_name(c.surface)) + " " + std::to_string(int(c.w)) + "x" + std::to_string(int(c.h));
}

void check_numbers(const HeadlessUi& ui, const SurfaceCase& c) {
    const Settings& settings = ui.app.state().settings;
    const float scale = text_scale(settings.text_size);
    const double min_contrast = settings.high_contrast ? 12.0 : 7.0;
    const Rect safe{c.safe_x, c.safe_y, c.w - 2 * c.safe_x, c.h - 2 * c.safe_y};
    for (const SemNode& n : ui.app.semantics().nodes()) {
        INFO(n.id << " '" << n.label << "'");
        if (n.role == Role::Image) {  // a QR code: dark modules on white, far above 3:1
            CHECK(contrast_ratio(n.fg, n.bg) >= 3.0);
            continue;
        }
        const bool heading = n.role == Role::Heading;
        CHECK(n.text_px >= (heading ? c.min_heading : c.min_body) * scale - 0.01f);
        // Text >= 7:1 (12:1 in high contrast); only heading-size text may use the 4.5:1 allowance.
        CHECK(contrast_ratio(n.fg, n.bg) >= (n.text_px >= c.min_heading && !settings.high_contrast ? 4.5 : min_contrast));
        if (n.visible) {
            // Browsers scroll a page longer than the window; every other surface keeps the margins.
            if (c.surface == Surface::Browser) CHECK((n.rect.x >= 0 && n.rect.right() <= c.w));
            else CHECK((n.rect.x >= safe.x && n.rect.right() <= safe.right()));
        }
        // A box to type into looks like a box, not a button (issue 16 item 10): page-coloured, outlined.
        if (n.role == Role::Textbox) CHECK(n.bg == ui.app.palette().background);
        if (n.action) {
            CHECK(n.rect.w >= c.min_target_w);
            CHECK(n.rect.h >= c.min_target_h);
        }
    }
}

void check_reachable_by_arrows(const HeadlessUi& ui) {
    const auto rects = ui.app.semantics().focusable_rects();
    if (rects.empty()) return;
    std::set<int> seen{ui.app.state().focused()};
    std::queue<int> todo;
    todo.push(ui.app.state().focused());
    while (!todo.empty()) {
        const int at = todo.front();
        todo.pop();
        for (Direction d : {Direction::Up, Direction::Down, Direction::Left, Direction::Right}) {
            const int to = spatial_move(rects, at, d);
            if (to >= 0 && seen.insert(to).second) todo.push(to);
        }
    }
    for (int i = 0; i < static_cast<int>(rects.size()); ++i) {
        INFO("item " << i << " '" << ui.app.semantics().focusable(i).label << "'");
        CHECK(seen.count(i) == 1);
    }
}

const SemNode* find_node(const App& app, const std::string& id) {
    for (const SemNode& n : app.semantics().nodes())
        if (n.id == id) return &n;
    return nullptr;
}

void check_no_row_cut_at_the_top(const App& app) {
    const SemanticsTree& tree = app.semantics();
    const Rect& view = tree.scroll_area();
    for (size_t i = tree.first_scrolled(); i < tree.nodes().size(); ++i) {
        const SemNode& n = tree.nodes()[i];
        if (n.rect.y >= view.y - 0.5f || n.rect.bottom() <= view.y + 0.5f) continue;  // not cut
        if (n.role != Role::Text && n.role != Role::Heading) continue;  // a card around lines: its lines decide
        const float line = n.text_px * 1.5f;
        const float into = std::fmod(view.y - n.rect.y, line);
        INFO(n.id << " '" << n.label.substr(0, 30) << "' is cut " << into << " px into a " << line << " px line");
        CHECK((into < 1 || into > line - 1));
    }
}

namespace {
// Whether the last frame painted `colour` over a rectangle starting at (or a few px out from) the
// top-left corner of `r`.
bool painted_over(const Rect& r, Rgb colour) {
    const ImU32 want = to_imcolor(colour);
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.col == want && v.pos.x <= r.x + 0.5f && v.pos.x >= r.x - 3 && v.pos.y <= r.y + 0.5f && v.pos.y >= r.y - 3)
                return true;
    return false;
}
}  // namespace

void check_no_row_cut_at_the_bottom(const HeadlessUi& ui) {
    const App& app = ui.app;
    const SemanticsTree& tree = app.semantics();
    const Rect& view = tree.scroll_area();
    bool cut_off = false;
    for (size_t i = tree.first_scrolled(); i < tree.nodes().size(); ++i) {
        const SemNode& n = tree.nodes()[i];
        if (tree.is_fixed(i) || n.rect.h > view.h / 2) continue;  // long paragraphs stop between lines
        if (n.rect.y >= view.bottom() - 0.5f || n.rect.bottom() <= view.bottom() + 0.5f) continue;  // not across the edge
        INFO(n.id << " '" << n.label.substr(0, 30) << "' from " << n.rect.y << " to " << n.rect.bottom() << " across "
                  << view.bottom());
        CHECK_FALSE(n.visible);  // left out whole ...
        CHECK(painted_over(n.rect, app.palette().background));  // ... on the screen too
        cut_off = true;
    }
    if (cut_off) CHECK(find_node(app, "page.more"));  // 下面还有
}

namespace {
// Vertices in `colour` near each edge of `r`: `inside` and `outside` px either side of it.
bool edges_drawn(const HeadlessUi& ui, const Rect& r, Rgb colour, float inside, float outside) {
    const ImU32 want = to_imcolor(colour);
    bool left = false, right = false, above = false, below = false;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer) {
            if (v.col != want) continue;
            const ImVec2 q = v.pos;
            const bool along_x = q.x >= r.x - outside && q.x <= r.right() + outside;
            const bool along_y = q.y >= r.y - outside && q.y <= r.bottom() + outside;
            left |= along_y && q.x >= r.x - outside && q.x <= r.x + inside;
            right |= along_y && q.x >= r.right() - inside && q.x <= r.right() + outside;
            above |= along_x && q.y >= r.y - outside && q.y <= r.y + inside;
            below |= along_x && q.y >= r.bottom() - inside && q.y <= r.bottom() + outside;
        }
    return left && right && above && below;
}
}  // namespace

bool focus_ring_drawn(const HeadlessUi& ui, const Rect& r) {
    return edges_drawn(ui, r, ui.app.palette().focus_ring, -0.5f, ui.app.profile().focus_ring_px * 2 + 1);
}

bool colour_drawn(const HeadlessUi&, Rgb colour) {
    const ImU32 want = to_imcolor(colour);
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; data && l < data->CmdListsCount; ++l)
        for (const ImDrawVert& v : data->CmdLists[l]->VtxBuffer)
            if (v.col == want) return true;
    return false;
}

bool outline_drawn(const HeadlessUi& ui, const Rect& r, Rgb colour) { return edges_drawn(ui, r, colour, 4, 4); }

}  // namespace elder::test
