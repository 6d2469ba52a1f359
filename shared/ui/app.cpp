#include "app.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <random>

#include "core/personal_reducer.hpp"
#include "core/reducer.hpp"
#include "core/sentences.hpp"
#include "core/spatial_nav.hpp"
#include "bottom_cut.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

std::optional<Direction> direction_of(RemoteKey key) {
    switch (key) {
        case RemoteKey::Up: return Direction::Up;
        case RemoteKey::Down: return Direction::Down;
        case RemoteKey::Left: return Direction::Left;
        case RemoteKey::Right: return Direction::Right;
        default: return std::nullopt;
    }
}

// 16 hex digits: unique enough that two runs never share an Idempotency-Key.
std::string random_nonce() {
    std::random_device random;
    char buf[20];
    std::snprintf(buf, sizeof buf, "%08x%08x", random(), random());
    return buf;
}

constexpr float kCoastDecayPerSecond = 4.0f;  // a flick coasts for about half a second
constexpr float kCoastStopPxPerSecond = 30.0f;

}  // namespace

void App::init(const AppParams& params, AppAssets assets) {
    params_ = params;
    strings_zh_ = std::move(assets.strings_zh);
    strings_en_ = std::move(assets.strings_en);
    font_ = assets.font;
    state_.settings.language = params.config.language;
    state_.settings.voice = params.config.voice;
    state_.can = capabilities_of(params.config.surface);
    // A box registers to act for its household; a kiosk given a device_id registers too, so that its
    // visitors' sign-ins count against its own allowance, not the address it shares with others.
    if (*state_.can.device_kind) {
        state_.device.serial = params.config.device_id;
        state_.device.enrolment_code = params.config.enrolment_code;
    }
    state_.client_nonce = random_nonce();
    state_.visit.timeout_s = params.config.idle_timeout_s;
}

void App::start() { dispatch(AppStarted{}); }

void App::open_start_page() {
    // A deep link (a scanned QR code) starts on its page, with home one Back away; pages of personal
    // data ask who you are first, as they do when opened from home.
    if (const auto route = parse_route(params_.config.open); route && route->screen != Screen::Home)
        dispatch(OpenScreen{route->screen, route->arg});
}

void App::note_activity() { dispatch(VisitorActive{}); }

// The clock drives the kiosk's visit through the reducer; only a tick that changed something
// (the warning's next second, the end of the visit) asks for a frame.
void App::tick(double now_ms) {
    const int warning = state_.visit.warning_seconds;
    const Route route = state_.route;
    state_ = reduce(std::move(state_), Tick{now_ms}, effects_);
    if (state_.visit.warning_seconds != warning || state_.route != route) invalidate();
}

bool App::between_visitors() const { return elder::between_visitors(state_); }

int App::next_deadline_ms() const { return needs_frame() ? 0 : idle_deadline_ms(state_); }

void App::on_key(RemoteKey key) {
    invalidate();
    note_activity();
    keyboard_mode_ = true;
    // A severe alert holds the screen: OK and Back confirm it; nothing navigates underneath.
    if (const Alert* alert = interrupting_alert(state_)) {
        if (key == RemoteKey::Ok || key == RemoteKey::Back) dispatch(AcknowledgeAlert{alert->id});
        const float page = tree_.scroll_area().h * 0.85f, line = tree_.scroll_area().h * 0.4f;
        if (key == RemoteKey::Down || key == RemoteKey::PageDown) scroll_by_rows(key == RemoteKey::Down ? line : page);
        if (key == RemoteKey::Up || key == RemoteKey::PageUp) scroll_by_rows(key == RemoteKey::Up ? -line : -page);
        return;
    }
    if (auto dir = direction_of(key)) {
        const int to = spatial_move(tree_.focusable_rects(), state_.focused(), *dir);  // `from` when nothing lies that way
        if (to >= 0 && to != state_.focused()) {
            focus_on(to);
            follow_focus_ = true;
            speak_focused();
        } else if (*dir == Direction::Up || *dir == Direction::Down) {
            // Nothing further that way: read on through the page instead (a long policy text).
            const float step = tree_.scroll_area().h * 0.4f;
            scroll_by_rows(*dir == Direction::Down ? step : -step);
        }
    } else if ((key == RemoteKey::Next || key == RemoteKey::Previous) && tree_.focusable_count() > 0) {
        // Reading order, wrapping around: the keyboard user's way through a page.
        const int n = tree_.focusable_count();
        focus_on((state_.focused() + (key == RemoteKey::Next ? 1 : n - 1)) % n);
        follow_focus_ = true;
        speak_focused();
    } else if (key == RemoteKey::PageDown || key == RemoteKey::PageUp) {
        const float step = tree_.scroll_area().h * 0.85f;
        scroll_by_rows(key == RemoteKey::PageDown ? step : -step);
    } else if (key == RemoteKey::Ok) {
        const int focused = state_.focused();
        if (focused >= 0 && focused < tree_.focusable_count()) dispatch(*tree_.focusable(focused).action);
    } else if (key == RemoteKey::Back) {
        dispatch(GoBack{});
    } else if (key == RemoteKey::Home) {
        dispatch(GoHome{});
    } else if (digit_char(key) && keypad_on_screen()) {
        dispatch(KeypadPress{digit_char(key)});  // the remote's digits type a phone number, not open a tile
    } else if (int digit = digit_of(key)) {
        dispatch(OpenTileNumber{digit});
    }
}

void App::on_text(const char* utf8) {
    note_activity();
    if (state_.route.screen != Screen::Search) return;
    for (const char* c = utf8; *c; ++c)  // digits stay remote keys (they open the home tiles)
        if (std::isalpha(static_cast<unsigned char>(*c))) dispatch(SearchType{*c});
}

bool App::keypad_on_screen() const {
    for (const SemNode& n : tree_.nodes())
        if (n.id.rfind("keypad.", 0) == 0) return true;
    return false;
}

bool App::activate(const std::string& id) {
    for (int i = 0; i < tree_.focusable_count(); ++i) {
        const SemNode& n = tree_.focusable(i);
        if (n.id != id) continue;
        focus_on(i);  // the screen reader's cursor is the app's focus from now on
        dispatch(*n.action);
        return true;
    }
    return false;
}

void App::on_pointer_input() {
    invalidate();
    note_activity();
    keyboard_mode_ = false;
}

// The page's words for 朗读, sentence by sentence, in reading order (headings and text; buttons
// speak through their own words in the text nodes around them).
std::vector<std::string> App::page_sentences() const {
    std::vector<std::string> out;
    for (const SemNode& n : tree_.nodes()) {
        if (n.label.empty() || n.id.rfind("reading.", 0) == 0) continue;
        if (n.role != Role::Heading && n.role != Role::Text && n.role != Role::Status && n.role != Role::Alert) continue;
        for (std::string& sentence : split_sentences(n.label)) out.push_back(std::move(sentence));
    }
    return out;
}

void App::dispatch(const Action& action) {
    if (const auto* read = std::get_if<ReadPage>(&action); read && read->sentences.empty()) {
        dispatch(ReadPage{page_sentences()});  // the 朗读 button: the words of the page as drawn
        return;
    }
    state_ = reduce(std::move(state_), action, effects_);
    invalidate();
}

std::vector<Effect> App::take_effects() {
    std::vector<Effect> out;
    out.swap(effects_);
    return out;
}

// Read-aloud of the item that focus moved to (the remote's and the keyboard's way of "looking").
void App::speak_focused() {
    const int focused = state_.focused();
    if (state_.settings.voice && focused >= 0 && focused < tree_.focusable_count())
        effects_.push_back(speak_words(state_, tree_.focusable(focused).label));
}

void App::scroll_by(float delta) { scroll_to(std::clamp(scrolled() + delta, 0.0f, max_scroll_)); }

void App::scroll_by_rows(float delta) {
    const float target = std::clamp(scrolled() + delta, 0.0f, max_scroll_);
    scroll_to(target >= max_scroll_ ? target : snap_to_row(target));  // the end shows the last line whole
    keys_scrolled_ = true;
}

// Where key scrolling stops: the row (a list entry, a card, a short paragraph) or the line of a long
// paragraph that the top edge would cut is shown whole instead, so no heading is sliced in half.
float App::snap_to_row(float target) const {
    const Rect& view = tree_.scroll_area();
    const float current = scrolled();
    const float edge = view.y + (target - current);  // the new top edge, in the last frame's coordinates
    float best = target;
    for (size_t i = tree_.first_scrolled(); i < tree_.nodes().size(); ++i) {
        const SemNode& n = tree_.nodes()[i];
        if (n.rect.y >= edge || n.rect.bottom() <= edge) continue;  // not cut by the edge
        float top = n.rect.y;
        if (n.rect.h > view.h / 2) {  // a long paragraph: stop between its lines
            const float line = n.text_px * 1.5f;
            if (line <= 0 || n.role == Role::Button) continue;
            top = n.rect.y + std::floor((edge - n.rect.y) / line) * line;
        }
        const float snapped = current + (top - view.y);
        if (snapped < 0 || (target > current && snapped <= current)) continue;  // keep moving the way asked
        best = std::min(best, snapped);
    }
    return best;
}

// `target` pushed on until no row or line is cut at the top edge there.
float App::snap_forward(float target) const {
    const Rect& view = tree_.scroll_area();
    const float edge = view.y + (target - scrolled());  // the new top edge, in this frame's coordinates
    float end = edge;
    for (size_t i = tree_.first_scrolled(); i < tree_.nodes().size(); ++i) {
        const SemNode& n = tree_.nodes()[i];
        if (n.rect.y >= edge || n.rect.bottom() <= edge) continue;
        if (n.rect.h <= view.h / 2) end = std::max(end, n.rect.bottom());
        else if (n.role != Role::Button && n.text_px > 0) {
            const float line = n.text_px * 1.5f;
            end = std::max(end, n.rect.y + std::ceil((edge - n.rect.y) / line) * line);
        }
    }
    return target + (end - edge);
}

// Where the page's scrolling ends: pushed on into blank space below the last line, so that the end
// looks like every other stop.
float App::row_aligned_max(float max) const {
    return max < 1 ? 0 : snap_forward(max);  // a page that fits to within a pixel (rounding) does not scroll
}

// After key scrolling, the focus ring stays on screen: an item that scrolled out of view hands the
// focus to the first one in view (the pinned 返回 when the content has none).
void App::focus_in_view() {
    const SemNode* node = tree_.focused();
    const Rect& view = tree_.scroll_area();
    const auto pinned = [&](const SemNode& n) { return tree_.is_fixed(&n - tree_.nodes().data()); };
    if (!node || pinned(*node) || view.contains(node->rect)) return;
    int fallback = -1;
    for (int i = 0; i < tree_.focusable_count(); ++i) {
        const SemNode& n = tree_.focusable(i);
        if (!pinned(n) && view.contains(n.rect)) return focus_on(i);
        if (pinned(n) && fallback < 0) fallback = i;
    }
    if (fallback >= 0) focus_on(fallback);
}

bool App::overlay_up() const { return interrupting_alert(state_) || state_.visit.warning_seconds >= 0; }

float App::scrolled() const { return overlay_up() ? overlay_scroll_ : state_.scrolled(); }

void App::scroll_to(float offset) {
    if (!overlay_up()) {
        if (offset != state_.scrolled()) dispatch(ScrollTo{offset});
    } else if (offset != overlay_scroll_) {
        overlay_scroll_ = offset;
        invalidate();
    }
}

// Wheel, drag and the coasting after a flick. A drag that moved is not a tap on what it started on.
void App::pointer_scroll() {
    const ImGuiIO& io = ImGui::GetIO();
    const float dt = std::max(io.DeltaTime, 1.0f / 240);
    float offset = scrolled();
    if (io.MouseWheel != 0) offset -= io.MouseWheel * profile_.body_px * 3;
    drag_ended_moved_ = false;
    if (ImGui::IsMouseClicked(0)) {
        drag_ = {true, false, io.MousePos.y, offset, io.MousePos.y};
        velocity_ = 0;
    }
    if (drag_.active && io.MouseDown[0]) {
        const float dy = io.MousePos.y - drag_.start_y;
        if (!drag_.moved && std::fabs(dy) > profile_.min_target_h * 0.15f) drag_.moved = true;
        if (drag_.moved) {
            offset = drag_.start_offset - dy;
            velocity_ = 0.6f * velocity_ + 0.4f * (drag_.last_y - io.MousePos.y) / dt;
        }
        drag_.last_y = io.MousePos.y;
    } else if (drag_.active) {
        drag_.active = false;
        drag_ended_moved_ = drag_.moved;
        if (!drag_.moved) velocity_ = 0;
    } else if (velocity_ != 0) {
        offset += velocity_ * dt;
        velocity_ *= std::exp(-kCoastDecayPerSecond * dt);
        if (std::fabs(velocity_) < kCoastStopPxPerSecond || offset <= 0 || offset >= max_scroll_) velocity_ = 0;
        invalidate();
    }
    scroll_to(std::clamp(offset, 0.0f, max_scroll_));
}

// Keeps the item that keys moved focus to inside the viewport, with a margin to see what follows.
void App::follow_focus() {
    follow_focus_ = false;
    // The state's focus, not the node drawn focused: keep_focus may have just moved it (a page's entry).
    const int focused = state_.focused();
    if (focused < 0 || focused >= tree_.focusable_count()) return;
    const SemNode* node = &tree_.focusable(focused);
    if (!node || tree_.is_fixed(node - tree_.nodes().data())) return;  // pinned: always in view
    const Rect& view = tree_.scroll_area();
    const float margin = profile_.body_px;
    float delta = 0;
    if (node->rect.y < view.y) delta = node->rect.y - view.y - margin;
    else if (node->rect.bottom() > view.bottom()) delta = node->rect.bottom() - view.bottom() + margin;
    if (delta == 0) return;
    // Stop at a whole row, as key scrolling does, as long as the focused item stays in view.
    const float target = std::clamp(scrolled() + delta, 0.0f, max_scroll_);
    const auto shows_node = [&](float offset) {
        const float shift = offset - scrolled();
        return node->rect.y - shift >= view.y && node->rect.bottom() - shift <= view.bottom();
    };
    const float whole_row = delta > 0 ? snap_forward(target) : snap_to_row(target);  // on the way it scrolls
    for (const float offset : {whole_row, delta > 0 ? snap_to_row(target) : snap_forward(target)})
        if (offset >= 0 && offset <= max_scroll_ && shows_node(offset)) return scroll_to(offset);
    scroll_to(target);
}

void App::frame(const CivilTime& now) {
    const ImGuiIO& io = ImGui::GetIO();
    display_ = io.DisplaySize;
    profile_ = make_profile(params_.config.surface, display_.x, display_.y, text_scale(state_.settings.text_size));
    const Palette& palette = palette_for(state_.settings.high_contrast);
    if (styled_palette_ != &palette) {
        apply_imgui_style(palette);
        styled_palette_ = &palette;
    }
    const Catalogue& strings = state_.settings.language == "en" ? strings_en_ : strings_zh_;
    pointer_scroll();

    if (const std::string today = iso_date(now); today != state_.today) dispatch(SetToday{today});
    const Route drawn = state_.route;
    // A page shown again brings its remembered focus into view (the text size may have changed).
    if (drawn != last_drawn_route_) follow_focus_ = true;
    last_drawn_route_ = drawn;
    const Rect view{profile_.safe_x, profile_.safe_y, display_.x - 2 * profile_.safe_x, display_.y - 2 * profile_.safe_y};
    glyphs_.begin_frame();
    pending_actions_.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display_);
    ImGui::Begin("##page", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    // Nothing is drawn into the TV's overscan margin, however far a page scrolls (but the focus
    // ring, which sits just outside its item, is not cut off).
    const float ring = profile_.focus_ring_px * 2;
    ImGui::PushClipRect(ImVec2(view.x - ring, view.y - ring), ImVec2(view.right() + ring, view.bottom() + ring), true);
    const Alert* alert = interrupting_alert(state_);
    const int warning = state_.visit.warning_seconds;
    const bool overlay = alert || warning >= 0;  // a page of its own over the current one
    if (const std::int64_t shown = alert ? alert->id : overlay ? 0 : -1; shown != overlay_shown_) {
        overlay_shown_ = shown;
        overlay_scroll_ = 0;
    }
    PageContext ctx{state_, strings, profile_, palette, font_, glyphs_, tree_, pending_actions_,
                    profile_.focus_ring_always || keyboard_mode_, now, display_, scrolled(),
                    overlay ? 0 : state_.focused(), overlay ? "" : state_.focus_id(), 0, params_.config.server_url};
    // The page went on below the screen last time (and this is not its end): keep a line for 下面还有,
    // with nothing of the page drawn under it.
    const bool same_page = drawn == last_measured_route_ && overlay_shown_ == measured_overlay_;
    if (same_page && overflow_ > 0.5f && scrolled() < max_scroll_ - 1) ctx.reserve_bottom = more_below_height(ctx);
    const Rect page_view{view.x, view.y, view.w, view.h - ctx.reserve_bottom};
    // Rows across the bottom edge are left out whole (measured on the last frame, before it is cleared).
    std::vector<Rect> cuts = same_page ? bottom_cuts(tree_, page_view.bottom(), scrolled() - drawn_scroll_) : std::vector<Rect>{};
    tree_.clear(view);
    tree_.hide_in(cuts);
    tree_.set_area(page_view);
    ImGui::PushClipRect(ImVec2(page_view.x - ring, page_view.y - ring),
                        ImVec2(page_view.right() + ring, page_view.bottom() + (ctx.reserve_bottom > 0 ? 0 : ring)), true);
    if (alert) draw_interruption_page(ctx, *alert);
    else if (warning >= 0) draw_idle_warning_page(ctx, warning);
    else draw_route_page(ctx);
    if (ctx.pinned_bottom > 0) ImGui::PopClipRect();  // page_header's cut under the title bar
    ImGui::PopClipRect();
    blank_out(cuts, page_view.bottom() + (ctx.reserve_bottom > 0 ? 0 : ring));
    tree_.hide_in({});
    if (ctx.reserve_bottom > 0) {
        tree_.set_area(view);
        more_below(ctx);
        tree_.set_area(ctx.scroll_area());  // what App's scrolling reads after the frame
    }
    ImGui::PopClipRect();
    ImGui::End();
    max_scroll_ = row_aligned_max(std::max(0.0f, ctx.content_height - ctx.scroll_area().h));
    // Whether the page is taller than its area without the 下面还有 line (a page that fits, laid out
    // to the screen's bottom edge like the alert, must not be told it goes on because of the line).
    overflow_ = ctx.content_height - (ctx.scroll_area().h + ctx.reserve_bottom);
    // A page whose layout changed where it stands (恢复预约 turning a cancelled ticket back into a
    // valid one, the reading bar opening under the title) is snapped to whole rows again.
    size_t scrolled_nodes = 0;  // (下面还有 coming and going at the end is no change of layout)
    for (size_t i = 0; i < tree_.nodes().size(); ++i) scrolled_nodes += !tree_.is_fixed(i);
    const Layout layout{ctx.content_height, ctx.scroll_area().y, scrolled_nodes};
    if (same_page && !(layout == layout_)) resnap_ = true;
    layout_ = layout;
    last_measured_route_ = drawn;
    measured_overlay_ = overlay_shown_;
    drawn_scroll_ = ctx.scroll;
    // The cuts came from the last frame: when this one's layout puts them elsewhere (a new text size,
    // a font's first use), draw once more, or a sliver of a row left out would stay on screen.
    if (!same_cuts(cuts, bottom_cuts(tree_, page_view.bottom(), 0))) redraw_once();

    ++frames_drawn_;
    if (pending_frames_ > 0) --pending_frames_;
    if (drag_ended_moved_) pending_actions_.clear();  // the finger scrolled: it did not tap
    for (const Action& action : pending_actions_) dispatch(action);
    if (state_.route != drawn || overlay) return;  // a new page (or the interruption): nothing of this page to fix up
    keep_focus();
    if (resnap_ && drawn_scroll_ == state_.scrolled() && !drag_.active && velocity_ == 0) {
        resnap_ = false;  // measured on this frame, drawn where the page stands: a cut row comes back whole
        if (state_.scrolled() > 0) scroll_to(std::min(max_scroll_, snap_to_row(state_.scrolled())));
    }
    if (state_.scrolled() > max_scroll_) dispatch(ScrollTo{max_scroll_});
    if (follow_focus_) follow_focus();
    if (keys_scrolled_) {  // this frame was drawn at the new offset: it shows what is in view
        keys_scrolled_ = false;
        focus_in_view();
    }
}

// Paints the page's colour over rows cut off at the bottom edge (`cuts`), down to `bottom`: they
// are left out whole, never sliced.
void App::blank_out(const std::vector<Rect>& cuts, float bottom) const {
    constexpr float kFringe = 2;  // a tile's antialiased edge reaches a pixel past its rectangle
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (const Rect& c : cuts)
        draw->AddRectFilled(ImVec2(c.x - kFringe, c.y - kFringe / 2), ImVec2(c.right() + kFringe, bottom),
                            to_imcolor(palette().background));
}

void App::focus_on(int index) { dispatch(FocusItem{index, tree_.focusable(index).id}); }

// After a frame: the focus stays on the item it was on, found by its id (an alert inserted above it
// does not move it); an item that is gone leaves the focus on the nearest one; a page seen for the
// first time starts on the item it names as its forward action (wherever it lies, the header's 朗读
// on a policy), else its first item after the header's 返回, 结束 or 朗读.
void App::keep_focus() {
    const int count = tree_.focusable_count();
    if (count == 0) return;
    if (!state_.has_focus(state_.route)) {
        follow_focus_ = true;  // the first focus is in view too (确认预约 below a long review)
        for (int i = 0; i < count; ++i)
            if (tree_.focusable(i).entry) return focus_on(i);  // the page named its forward action (朗读 may be in the header)
        int first = 0;
        while (first < count && tree_.focusable(first).skip_on_entry) ++first;
        if (first == count) return;  // only the header so far (a list still loading): wait for the first item
        return focus_on(first);
    }
    const std::string id = state_.focus_id();
    const int at = id.empty() ? -1 : tree_.focus_index_of(id);
    if (at >= 0) {
        if (at != state_.focused()) focus_on(at);
        return;
    }
    const int nearest = std::min(state_.focused(), count - 1);
    if (nearest != state_.focused() || tree_.focusable(nearest).id != id) focus_on(nearest);
}

std::optional<App::TextEdit> App::text_edit() const {
    if (state_.editing.empty()) return std::nullopt;
    const bool keyword = state_.editing == "keyword";
    const std::string node_id = keyword ? "search.keyword" : "field." + state_.editing;
    const auto& fields = state_.personal.form.fields;
    const auto value = fields.find(state_.editing);
    for (const SemNode& n : tree_.nodes())
        if (n.id == node_id && n.visible)
            return TextEdit{n.rect, keyword ? state_.keyword : value == fields.end() ? "" : value->second};
    return std::nullopt;
}

// Who the app acts for and what it holds of them: tests check that a kiosk forgets its visitors.
nlohmann::json App::account_report() const {
    const Personal& p = state_.personal;
    const DeviceAccount& d = state_.device;
    nlohmann::json fields = nlohmann::json::object();
    for (const auto& [name, value] : p.form.fields) fields[name] = value;
    return {
        {"signed_in", !p.token.empty()},
        {"phone", p.phone},
        {"form", {{"fields", fields}, {"active", p.form.active}, {"busy", p.form.busy},
                  {"error", p.form.error.text.empty() ? p.form.error.key : p.form.error.text},
                  {"notice", p.form.notice.key}}},
        {"appointments", p.appointments.size()},
        {"requests", p.requests.size()},
        {"device", {{"serial", d.serial}, {"id", d.id}, {"bound", d.bound}, {"registered", !d.token.empty()},
                    {"household", d.household_name}}},
    };
}

void App::fonts_changed() {
    glyphs_.fonts_changed();
    invalidate();
}

namespace {
nlohmann::json code_points_json(const std::set<std::uint32_t>& points) {
    nlohmann::json out = nlohmann::json::array();
    char name[16];
    for (const std::uint32_t c : points) {
        std::snprintf(name, sizeof name, "U+%04X", static_cast<unsigned>(c));
        out.push_back(name);
    }
    return out;
}
}  // namespace

nlohmann::json App::report() const {
    const Alert* interruption = interrupting_alert(state_);
    return nlohmann::json{
        {"screen", screen_name(state_.route.screen)},
        {"arg", state_.route.arg},
        {"focus", state_.focused()},
        {"scroll", scrolled()},
        {"max_scroll", max_scroll_},
        {"back_depth", state_.back_stack.size()},
        {"surface", surface_name(profile_.surface)},
        {"display", {display_.x, display_.y}},
        // Where pages may draw (the display minus the TV's overscan margin): what lies across its
        // edge is cut off on purpose, so render checks measure only what lies inside.
        {"viewport", {tree_.viewport().x, tree_.viewport().y, tree_.viewport().w, tree_.viewport().h}},
        {"scroll_area", {tree_.scroll_area().x, tree_.scroll_area().y, tree_.scroll_area().w, tree_.scroll_area().h}},
        {"settings",
         {{"text_size", state_.settings.text_size},
          {"high_contrast", state_.settings.high_contrast},
          {"language", state_.settings.language},
          {"voice", state_.settings.voice}}},
        {"frames", frames_drawn_},
        // No frame is due: what this report describes stays on screen (tests pair it with a screenshot).
        {"settled", pending_frames_ == 0},
        {"keyword", state_.keyword},
        {"interruption", interruption ? nlohmann::json(interruption->id) : nlohmann::json()},
        {"idle_warning", state_.visit.warning_seconds},
        {"reading", {{"sentences", state_.reading.sentences.size()}, {"index", state_.reading.index},
                     {"playing", state_.reading.playing}}},
        {"editing", !state_.editing.empty()},
        {"editing_field", state_.editing},
        {"account", account_report()},
        // Issue 18: receipts waiting to be sent, alerts another screen of the household confirmed,
        // and whom the alert stream speaks for ("resident", "device" or "" for nobody).
        {"reach",
         {{"outbox", state_.receipts.outbox.size()},
          {"confirmed_elsewhere", state_.receipts.confirmed_elsewhere},
          {"stream_for", !state_.personal.token.empty() ? "resident" : stream_token(state_).empty() ? "" : "device"}}},
        {"data", describe(state_.data)},
        {"nodes", tree_.to_json()},
        {"missing_glyphs", code_points_json(glyphs_.missing())},
    };
}

}  // namespace elder
