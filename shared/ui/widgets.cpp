#include "widgets.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include <qrcodegen.hpp>

#include "alert_words.hpp"

namespace elder {
namespace {

constexpr float kLineSpacing = 1.5f;  // ACCESSIBILITY.md asks >= 1.3x
constexpr float kBoxEdge = 3;          // a text box's outline: thick enough to see, >= 3:1 (text_muted)

ImVec2 im(float x, float y) { return ImVec2(x, y); }

void draw_focus_ring(PageContext& ctx, const Rect& r) {
    const float t = ctx.profile.focus_ring_px;
    const float gap = t / 2;  // a sliver of page colour between tile and ring keeps both edges visible
    const float o = gap + t / 2;
    ImGui::GetWindowDrawList()->AddRect(im(r.x - o, r.y - o), im(r.right() + o, r.bottom() + o),
                                        to_imcolor(ctx.palette.focus_ring), 16 + o, 0, t);
}

}  // namespace

// The pointer rests on the item just laid out. A TV has no pointer (a mouse left in the middle of
// Xvfb, or a stray one plugged into a box, must not tint a tile the remote is not on).
namespace {
bool pointer_over(const PageContext& ctx) { return !ctx.profile.can.remote_control && ImGui::IsItemHovered(); }

// Every piece of text on screen is drawn here, so that a character no font has is counted.
void draw_text(PageContext& ctx, float px, ImVec2 pos, Rgb fg, const char* begin, const char* end = nullptr) {
    if (!end) end = begin + std::strlen(begin);
    ctx.glyphs.check(ctx.font, begin, end);
    ImGui::GetWindowDrawList()->AddText(ctx.font, px, pos, to_imcolor(fg), begin, end);
}
}  // namespace

float text_width(const PageContext& ctx, const std::string& text, float px) {
    return ctx.font->CalcTextSizeA(px, FLT_MAX, 0.0f, text.c_str()).x;
}

ImVec2 text_line(PageContext& ctx, const std::string& id, Role role, const std::string& text,
                 ImVec2 pos, float px, Rgb fg, Rgb bg) {
    draw_text(ctx, px, pos, fg, text.c_str());
    const ImVec2 size(text_width(ctx, text, px), px);
    ctx.tree.add({id, role, text, {pos.x, pos.y, size.x, size.y}, px, fg, bg, std::nullopt, false});
    return size;
}

namespace {

// Length of the UTF-8 sequence starting with byte `c`.
int utf8_length(unsigned char c) { return c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1; }

// Closing punctuation that must not begin a line (Chinese typesetting: 避头点).
bool no_line_start(const char* p, const char* end) {
    static const char* const marks[] = {"，", "。", "、", "；", "：", "？", "！", "）", "」", "』", "”", "’", "》", "…"};
    for (const char* m : marks) {
        const size_t n = std::strlen(m);
        if (static_cast<size_t>(end - p) >= n && std::memcmp(p, m, n) == 0) return true;
    }
    return *p == ',' || *p == '.' || *p == ';' || *p == ':' || *p == '!' || *p == '?' || *p == ')';
}

// Where the line starting at `begin` ends: Chinese breaks between any two characters, Latin words
// and numbers stay whole, a line break ends the line, closing punctuation stays with what it closes.
const char* wrap_position(const PageContext& ctx, float px, const char* begin, const char* end, float width) {
    const char* p = begin;
    const char* last_fit = begin;
    float x = 0;
    while (p < end && *p != '\n') {
        // A token: a run of ASCII letters/digits (a word, a number), or one other character.
        const char* q = p;
        if (std::isalnum(static_cast<unsigned char>(*q)) || *q == '-' || *q == '/')
            while (q < end && (std::isalnum(static_cast<unsigned char>(*q)) || *q == '-' || *q == '/' || *q == '.' || *q == ':')) ++q;
        else
            q += std::min<ptrdiff_t>(utf8_length(static_cast<unsigned char>(*q)), end - q);
        const float w = ctx.font->CalcTextSizeA(px, FLT_MAX, 0.0f, p, q).x;
        if (x + w > width && last_fit > begin && !no_line_start(p, end)) return last_fit;
        if (x + w > width && last_fit == begin) {  // one word wider than the line (a web address): cut it
            for (const char* r = p; r < q; r += utf8_length(static_cast<unsigned char>(*r))) {
                const float cw = ctx.font->CalcTextSizeA(px, FLT_MAX, 0.0f, r, r + utf8_length(static_cast<unsigned char>(*r))).x;
                if (x + cw > width && r > begin) return r;
                x += cw;
            }
            return q;
        }
        x += w;
        p = q;
        last_fit = p;
    }
    return p;
}

// Wraps `text` to `width` the way text_block draws it, calling `line(begin, end, y)` per line;
// returns the height.
template <class F>
float wrap_lines(const PageContext& ctx, const std::string& text, float width, float px, F&& line_fn) {
    const char* line = text.c_str();
    const char* end = line + text.size();
    float y = 0;
    while (line < end) {
        const char* wrap = wrap_position(ctx, px, line, end, width);
        if (wrap == line) wrap = line + utf8_length(static_cast<unsigned char>(*line));  // always advance
        line_fn(line, wrap, y);
        y += px * kLineSpacing;
        line = wrap;
        while (line < end && (*line == ' ' || *line == '\n')) ++line;
    }
    return y;
}

}  // namespace

float text_block_height(const PageContext& ctx, const std::string& text, float width, float px) {
    return wrap_lines(ctx, text, width, px, [](const char*, const char*, float) {});
}

std::vector<std::string> text_block_lines(const PageContext& ctx, const std::string& text, float width, float px) {
    std::vector<std::string> lines;
    wrap_lines(ctx, text, width, px, [&](const char* b, const char* e, float) { lines.emplace_back(b, e); });
    return lines;
}

float text_block(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos,
                 float width, float px, Rgb fg, Rgb bg, Role role) {
    const float height = wrap_lines(ctx, text, width, px, [&](const char* b, const char* e, float y) {
        draw_text(ctx, px, im(pos.x, pos.y + y), fg, b, e);
    });
    ctx.tree.add({id, role, text, {pos.x, pos.y, width, height}, px, fg, bg, std::nullopt, false});
    return height;
}

void tile(PageContext& ctx, const TileSpec& spec) {
    const Rect& r = spec.rect;
    const bool focused = ctx.is_focused(spec.id, ctx.tree.focusable_count());

    ImGui::SetCursorScreenPos(im(r.x, r.y));
    ImGui::PushID(spec.id.c_str());
    const bool clicked = ImGui::InvisibleButton("##tile", im(std::max(r.w, 1.0f), std::max(r.h, 1.0f)));
    const bool hovered = pointer_over(ctx);
    ImGui::PopID();

    const Rgb fill = hovered && spec.fill == ctx.palette.tile ? ctx.palette.tile_hover : spec.fill;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(im(r.x, r.y), im(r.right(), r.bottom()), to_imcolor(fill), 16);

    const float label_px = spec.label_px > 0 ? spec.label_px : ctx.profile.tile_label_px;
    const float hint_px = ctx.profile.body_px;
    const float block_h = label_px + (spec.hint.empty() ? 0 : hint_px * kLineSpacing);
    const float top = r.y + (r.h - block_h) / 2;
    const float label_w = text_width(ctx, spec.label, label_px);
    // The muted colour is 7.5:1 on the SOS red, drawn below 7:1 at 720p (antialiased strokes never
    // reach their full colour): on any fill but the plain tile's, hints are in the text colour.
    const bool plain = fill == ctx.palette.tile || fill == ctx.palette.tile_hover;
    const Rgb secondary = plain ? ctx.palette.text_muted : ctx.palette.text;
    draw_text(ctx, label_px, im(r.center_x() - label_w / 2, top), ctx.palette.text, spec.label.c_str());
    if (!spec.hint.empty()) {
        const float hint_w = text_width(ctx, spec.hint, hint_px);
        text_line(ctx, spec.id + ".hint", Role::Text, spec.hint,
                  im(r.center_x() - hint_w / 2, top + label_px + hint_px * (kLineSpacing - 1)), hint_px,
                  secondary, fill);
    }
    if (!spec.badge.empty()) {
        const float pad = hint_px / 2;
        text_line(ctx, spec.id + ".badge", Role::Text, spec.badge, im(r.x + pad, r.y + pad / 2), hint_px,
                  secondary, fill);
    }
    ctx.tree.add({spec.id, spec.role, spec.label, r, label_px, ctx.palette.text, fill, spec.action, focused});
    if (focused && ctx.show_focus) draw_focus_ring(ctx, r);
    if (clicked) ctx.actions.push_back(spec.action);
}

void text_box(PageContext& ctx, const TileSpec& spec, bool placeholder) {
    const Rect& r = spec.rect;
    const Palette& p = ctx.palette;
    const bool focused = ctx.is_focused(spec.id, ctx.tree.focusable_count());
    ImGui::SetCursorScreenPos(im(r.x, r.y));
    ImGui::PushID(spec.id.c_str());
    const bool clicked = ImGui::InvisibleButton("##box", im(std::max(r.w, 1.0f), std::max(r.h, 1.0f)));
    ImGui::PopID();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(im(r.x, r.y), im(r.right(), r.bottom()), to_imcolor(spec.fill), 4);
    draw->AddRect(im(r.x, r.y), im(r.right(), r.bottom()), to_imcolor(p.text_muted), 4, 0, kBoxEdge);
    const float px = spec.label_px > 0 ? spec.label_px : ctx.profile.body_px;
    const Rgb fg = placeholder ? p.text_muted : p.text;
    draw_text(ctx, px, im(r.x + px * 0.6f, r.center_y() - px / 2), fg, spec.label.c_str());
    ctx.tree.add({spec.id, Role::Textbox, spec.label, r, px, fg, spec.fill, spec.action, focused});
    if (focused && ctx.show_focus) draw_focus_ring(ctx, r);
    if (clicked) ctx.actions.push_back(spec.action);
}

float tile_grid(PageContext& ctx, const std::vector<GridItem>& items, float y) {
    const Rect area = ctx.content();
    const int cols = ctx.profile.home_columns >= 4 ? 3 : 2;
    const float gap = ctx.profile.gap;
    const float label_px = ctx.profile.tile_label_px * 0.8f;
    const float w = std::floor((area.w - gap * (cols - 1)) / cols);
    const float h = std::max(ctx.profile.min_target_h, label_px + ctx.profile.body_px * 3);
    for (size_t i = 0; i < items.size(); ++i) {
        const Rect r{area.x + (i % cols) * (w + gap), y + (i / cols) * (h + gap), w, h};
        tile(ctx, {items[i].id, items[i].label, items[i].hint, "", r, ctx.palette.tile, items[i].action, label_px});
    }
    return y + (items.size() + cols - 1) / cols * (h + gap);
}

float button_width(const PageContext& ctx, const std::string& label) {
    const float px = ctx.profile.body_px;
    return std::max(ctx.profile.min_target_w, text_width(ctx, label, px) + 2 * px);
}

Rect button(PageContext& ctx, const std::string& id, const std::string& label, ImVec2 pos, const Action& action,
            Rgb fill) {
    const float px = ctx.profile.body_px;
    const Rect r{pos.x, pos.y, button_width(ctx, label), std::max(ctx.profile.min_target_h, px * 2.2f)};
    tile(ctx, {id, label, "", "", r, fill, action, px});
    return r;
}

float button_row(PageContext& ctx, const std::vector<ButtonSpec>& buttons, ImVec2 pos) {
    const float right = ctx.content().right();
    const float gap = ctx.profile.gap;
    float x = pos.x, y = pos.y, bottom = pos.y;
    for (const ButtonSpec& b : buttons) {
        const float w = button_width(ctx, b.label);
        if (x > pos.x && x + w > right) {
            x = pos.x;
            y = bottom + gap * 0.5f;
        }
        const Rect r = button(ctx, b.id, b.label, ImVec2(x, y), b.action, b.fill);
        if (b.entry) ctx.tree.focus_last_on_entry();
        x = r.right() + gap;
        bottom = std::max(bottom, r.bottom());
    }
    return bottom;
}

float list_row(PageContext& ctx, const RowSpec& spec) {
    const float px = ctx.profile.body_px;
    const float pad = px * 0.6f;
    const Palette& p = ctx.palette;
    const bool focused = ctx.is_focused(spec.id, ctx.tree.focusable_count());

    // Lay out first (to know the height), then draw the background under the text.
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const size_t first_node = ctx.tree.nodes().size();
    float x = spec.x + pad;
    float y = spec.y + pad;
    if (!spec.marker.empty()) {
        const ImVec2 m = text_line(ctx, spec.id + ".marker", Role::Text, spec.marker, im(x, y), px, p.accent, p.tile);
        x += m.x + px * 0.5f;
    }
    y += text_block(ctx, spec.id + ".title", spec.title, im(x, y), spec.x + spec.w - pad - x, px, p.text, p.tile);
    if (!spec.detail.empty())
        y += text_block(ctx, spec.id + ".detail", spec.detail, im(spec.x + pad, y), spec.w - 2 * pad, px, p.text_muted,
                        p.tile);
    const Rect r{spec.x, spec.y, spec.w, std::max(ctx.profile.min_target_h, y - spec.y + pad * 0.5f)};

    draw->ChannelsSetCurrent(0);
    ImGui::SetCursorScreenPos(im(r.x, r.y));
    ImGui::PushID(spec.id.c_str());
    const bool clicked = ImGui::InvisibleButton("##row", im(std::max(r.w, 1.0f), std::max(r.h, 1.0f)));
    const bool hovered = pointer_over(ctx);
    ImGui::PopID();
    draw->AddRectFilled(im(r.x, r.y), im(r.right(), r.bottom()), to_imcolor(hovered ? p.tile_hover : p.tile), 12);
    draw->ChannelsMerge();
    const Rgb fill = hovered ? p.tile_hover : p.tile;
    ctx.tree.add({spec.id, Role::Button, spec.title, r, px, p.text, fill, spec.action, focused, true, true});
    ctx.tree.set_background(first_node, fill);
    if (focused && ctx.show_focus) draw_focus_ring(ctx, r);
    if (clicked) ctx.actions.push_back(spec.action);
    return r.h;
}

namespace {

// Under every page's title, the most severe active alert in one line of words (the home page has
// its banner, 通知提醒 the whole list). Not focusable: it informs, and Back stays the first item.
std::string alert_line_text(const PageContext& ctx) {
    const auto& alerts = ctx.state.data.alerts.value;
    if (alerts.empty() || alerts.front().infos.empty() || ctx.state.route.screen == Screen::Alerts) return "";
    const Alert& a = alerts.front();
    const auto& t = ctx.strings;
    return t.format("alerts.line", {{"level", alert_level_words(t, a, "alerts.banner_notice")}, {"event", a.infos.front().event}});
}

float alert_line_height(const PageContext& ctx) {
    const std::string text = alert_line_text(ctx);
    return text.empty() ? 0 : text_block_height(ctx, text, ctx.content().w, ctx.profile.body_px) + ctx.profile.body_px * 0.3f;
}

float alert_line(PageContext& ctx, float y) {
    const std::string text = alert_line_text(ctx);
    if (text.empty()) return y;
    const Rect area = ctx.content();
    text_block(ctx, "page.alert", text, im(area.x, y), area.w, ctx.profile.body_px, ctx.palette.accent,
               ctx.palette.background, Role::Status);
    return y + alert_line_height(ctx);
}

// While 朗读 goes on: where it is, and 暂停 / 继续, 从头读, 停止.
struct ReadingBar {
    std::string where, first_label;
    Action first;
    float w = 0, h = 0, gap = 0;
    bool one_row = true;
    bool done = false;  // read to the end
};

ReadingBar reading_bar_layout(const PageContext& ctx) {
    const Reading& r = ctx.state.reading;
    const auto& t = ctx.strings;
    ReadingBar bar;
    const bool done = r.index >= static_cast<int>(r.sentences.size());
    bar.done = done;
    bar.where = done ? t.text("reading.done")
                     : t.format(r.playing ? "reading.playing" : "reading.paused",
                                {{"n", std::to_string(r.index + 1)}, {"of", std::to_string(r.sentences.size())}});
    // Three buttons that never move (a finger or the focus may be on one when reading ends): the
    // first says 暂停, 继续 or 从头读 as the reading goes, all as wide as the widest word.
    bar.first = r.playing ? Action{PauseReading{}} : done ? Action{RestartReading{}} : Action{ResumeReading{}};
    bar.first_label = t.text(r.playing ? "reading.pause" : done ? "reading.restart" : "reading.resume");
    bar.w = ctx.profile.min_target_w;
    for (const char* key : {"reading.pause", "reading.resume", "reading.restart", "reading.stop"})
        bar.w = std::max(bar.w, text_width(ctx, t.text(key), ctx.profile.body_px) + 2 * ctx.profile.body_px);
    bar.gap = ctx.profile.gap;
    bar.one_row = 3 * bar.w + 2 * bar.gap <= ctx.content().w;
    bar.h = std::max(ctx.profile.min_target_h, ctx.profile.body_px * 2.2f);
    return bar;
}

// The y of a reading bar's buttons (index 0..2) whose status line starts at `y`.
ImVec2 reading_button_at(const PageContext& ctx, const ReadingBar& bar, float y, int i) {
    const Rect area = ctx.content();
    y += text_block_height(ctx, bar.where, area.w, ctx.profile.body_px);
    return bar.one_row ? im(area.x + i * (bar.w + bar.gap), y) : im(area.x, y + i * (bar.h + bar.gap * 0.5f));
}

float reading_bar_height(const PageContext& ctx) {
    if (!ctx.state.reading.active()) return 0;
    const ReadingBar bar = reading_bar_layout(ctx);
    return reading_button_at(ctx, bar, 0, 2).y + bar.h + ctx.profile.gap * 0.5f;
}

float reading_bar(PageContext& ctx, float y) {
    if (!ctx.state.reading.active()) return y;
    const ReadingBar bar = reading_bar_layout(ctx);
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    text_block(ctx, "reading.where", bar.where, im(area.x, y), area.w, px, ctx.palette.text, ctx.palette.background,
               Role::Status);
    const auto button_at = [&](int i, const std::string& id, const std::string& label, const Action& action) {
        const ImVec2 at = reading_button_at(ctx, bar, y, i);
        tile(ctx, {id, label, "", "", {at.x, at.y, bar.w, bar.h}, ctx.palette.tile, action, px});
    };
    button_at(0, "reading.toggle", bar.first_label, bar.first);
    // Read to the end, the first button already says 从头读: no second button for the same thing.
    if (!bar.done) button_at(1, "reading.restart", ctx.strings.text("reading.restart"), RestartReading{});
    button_at(2, "reading.stop", ctx.strings.text("reading.stop"), StopReading{});
    return y + reading_bar_height(ctx);
}

// The header's first row: 返回 on the left; 结束 (a kiosk visitor signed in) and 朗读 on the right;
// the title between them.
struct HeaderRow {
    Rect back;
    float title_x = 0, title_right = 0, title_h = 0, h = 0;
    struct Button {
        std::string id, label;
        Action action;
        float w;
    };
    std::vector<Button> buttons;  // right to left
};

HeaderRow header_row(const PageContext& ctx, const std::string& title, float top) {
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    HeaderRow row;
    row.back = {area.x, top, button_width(ctx, ctx.strings.text("page.back")), std::max(ctx.profile.min_target_h, px * 2.2f)};
    const auto add = [&](const char* id, const std::string& label, const Action& action) {
        row.buttons.push_back({id, label, action, button_width(ctx, label)});
    };
    // A kiosk visitor who signed in can leave at once: 结束 wipes what is theirs (as the idle timer would).
    if (ctx.profile.can.visitor_sessions && !ctx.state.personal.token.empty())
        add("session.end", ctx.strings.text("session.end"), EndSession{});
    // 朗读: the whole page aloud, sentence by sentence (the bar under the title controls it).
    if (!ctx.state.reading.active()) add("page.read", ctx.strings.text("reading.read"), ReadPage{});
    row.title_right = area.right();
    for (const auto& b : row.buttons) row.title_right -= b.w + ctx.profile.gap;
    row.title_x = row.back.right() + ctx.profile.gap;
    const float heading = ctx.profile.heading_px;
    row.title_h = text_block_height(ctx, title, row.title_right - row.title_x, heading);
    row.h = std::max(row.back.h, row.back.center_y() - heading / 2 - top + row.title_h);
    return row;
}

// The whole header's height, for deciding whether it can stay pinned.
float header_height(const PageContext& ctx, const std::string& title) {
    return header_row(ctx, title, 0).h + ctx.profile.gap * 0.5f + reading_bar_height(ctx) + alert_line_height(ctx) +
           ctx.profile.gap * 0.5f;
}

}  // namespace

float page_header(PageContext& ctx, const std::string& title) {
    const Rect area = ctx.content();
    // The title bar (返回, the title, 朗读, the alert line) stays put while the content scrolls under
    // it, unless it would take more than 40 % of the screen (a phone at the largest text size).
    const bool pin = header_height(ctx, title) <= area.h * 0.4f;
    const float top = pin ? area.y : ctx.top();
    const HeaderRow row = header_row(ctx, title, top);
    const Rect back = button(ctx, "page.back", ctx.strings.text("page.back"), im(row.back.x, row.back.y), GoBack{},
                             ctx.palette.tile);
    ctx.tree.skip_last_on_entry();
    float right = area.right();
    for (const HeaderRow::Button& b : row.buttons) {
        right = button(ctx, b.id, b.label, im(right - b.w, top), b.action, ctx.palette.tile).x - ctx.profile.gap;
        ctx.tree.skip_last_on_entry();  // 结束, 朗读
    }
    const float px = ctx.profile.heading_px;
    text_block(ctx, "page.title", title, im(row.title_x, back.center_y() - px / 2), row.title_right - row.title_x, px,
               ctx.palette.text, ctx.palette.background, Role::Heading);
    const float below = reading_bar(ctx, top + row.h + ctx.profile.gap * 0.5f);
    const float bottom = alert_line(ctx, below) + ctx.profile.gap * 0.5f;
    if (!pin) return bottom;
    ctx.pinned_bottom = bottom;
    const Rect scroll = ctx.scroll_area();
    ctx.tree.pin_above(scroll);
    // The content is cut at the bar's bottom edge (the focus ring may still stand out sideways).
    const float ring = ctx.profile.focus_ring_px * 2;
    ImGui::PushClipRect(im(scroll.x - ring, scroll.y), im(scroll.right() + ring, scroll.bottom()), true);
    return bottom + ring - ctx.scroll;  // room for the first item's focus ring under the bar
}

// Below the last line that shows, when the page goes on: 下面还有 (a TV resident may not know that
// the page scrolls; a kiosk visitor sees no scroll bar).
void more_below(PageContext& ctx) {
    const Rect c = ctx.content();
    const float px = ctx.profile.body_px;
    const float top = c.bottom() - ctx.reserve_bottom;
    ImGui::GetWindowDrawList()->AddRectFilled(im(c.x, top), im(c.right(), c.bottom()), to_imcolor(ctx.palette.background));
    const std::string text = ctx.strings.text("page.more_below");
    const float w = text_width(ctx, text, px);
    text_line(ctx, "page.more", Role::Status, text, im(c.center_x() - w / 2, top + (ctx.reserve_bottom - px) / 2), px,
              ctx.palette.text, ctx.palette.background);
    ctx.tree.fix_last();
}

float more_below_height(const PageContext& ctx) { return ctx.profile.body_px * 2; }

float paragraphs(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos, float width, float px) {
    float y = pos.y;
    size_t start = 0;
    int index = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string para = text.substr(start, end - start);
        if (!para.empty()) {
            y += text_block(ctx, id + "." + std::to_string(index++), para, im(pos.x, y), width, px, ctx.palette.text,
                            ctx.palette.background);
            y += px * 0.7f;  // paragraph spacing on top of the 1.5x line spacing: 2.2x > 1.3 x 1.5
        }
        start = end + 1;
    }
    return y - pos.y;
}

float data_notice(PageContext& ctx, const FetchState& fetch, bool empty, const std::string& empty_key, float y) {
    std::string key;
    if (fetch.freshness == Freshness::None) {
        if (fetch.error == FetchError::Offline) key = "state.offline_empty";
        else if (fetch.error != FetchError::None) key = "state.error";
        else key = "state.loading";
    } else if (!ctx.state.data.online) {
        key = "status.offline";  // saved items below; say they may be old
    } else if (shows_saved_copy_of_failing(fetch)) {
        key = "status.server_error";  // saved items below, as the server fails
    } else if (empty) {
        key = empty_key;
    }
    if (key.empty()) return 0;
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    float h = text_block(ctx, "page.notice", ctx.strings.text(key), im(area.x, y), area.w, px, ctx.palette.text,
                         ctx.palette.background) + px * 0.6f;
    // Nothing to show and the last try failed: a way forward besides waiting for the automatic retry.
    if (fetch.freshness == Freshness::None && fetch.error != FetchError::None && fetch.error != FetchError::NotFound) {
        const Rect retry = button(ctx, "page.retry", ctx.strings.text("state.retry"), im(area.x, y + h), RetryNow{},
                                  ctx.palette.tile);
        h += retry.h + ctx.profile.gap;
    }
    return h;
}

float card_height(const PageContext& ctx, const std::vector<CardLine>& lines, float w) {
    const float pad = ctx.profile.body_px * 0.6f;
    float h = pad;
    for (const CardLine& l : lines)
        if (!l.text.empty()) h += text_block_height(ctx, l.text, w - 2 * pad, l.px);
    return std::max(ctx.profile.min_target_h, h + pad * 0.5f);
}

float card(PageContext& ctx, const std::string& id, const std::vector<CardLine>& lines, float x, float y, float w,
           const Action& action) {
    const Palette& p = ctx.palette;
    const float pad = ctx.profile.body_px * 0.6f;
    const bool focused = ctx.is_focused(id, ctx.tree.focusable_count());
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const size_t first_node = ctx.tree.nodes().size();
    float cy = y + pad;
    for (size_t i = 0; i < lines.size(); ++i) {
        const CardLine& l = lines[i];
        if (l.text.empty()) continue;
        cy += text_block(ctx, id + "." + std::to_string(i), l.text, im(x + pad, cy), w - 2 * pad, l.px,
                         l.muted ? p.text_muted : p.text, p.tile);
    }
    const Rect r{x, y, w, std::max(ctx.profile.min_target_h, cy - y + pad * 0.5f)};
    draw->ChannelsSetCurrent(0);
    ImGui::SetCursorScreenPos(im(r.x, r.y));
    ImGui::PushID(id.c_str());
    const bool clicked = ImGui::InvisibleButton("##card", im(std::max(r.w, 1.0f), std::max(r.h, 1.0f)));
    const bool hovered = pointer_over(ctx);
    ImGui::PopID();
    draw->AddRectFilled(im(r.x, r.y), im(r.right(), r.bottom()), to_imcolor(hovered ? p.tile_hover : p.tile), 12);
    draw->ChannelsMerge();
    std::string label;
    const std::string comma = ctx.strings.text("text.comma");
    for (const CardLine& l : lines)
        if (!l.text.empty()) label += (label.empty() ? "" : comma) + l.text;
    const Rgb fill = hovered ? p.tile_hover : p.tile;
    ctx.tree.add({id, Role::Button, label, r, lines.empty() ? ctx.profile.body_px : lines[0].px, p.text, fill, action, focused});
    ctx.tree.set_background(first_node, fill);
    if (focused && ctx.show_focus) draw_focus_ring(ctx, r);
    if (clicked) ctx.actions.push_back(action);
    return r.h;
}

float section(PageContext& ctx, const std::string& id, const std::string& heading, const std::vector<std::string>& items,
              bool numbered, float y, float width) {
    const Rect area = ctx.content();
    const float w = width > 0 ? width : area.w;
    const float px = ctx.profile.body_px;
    const float top = y;
    y += text_block(ctx, id + ".heading", heading, im(area.x, y), w, ctx.profile.heading_px, ctx.palette.accent,
                    ctx.palette.background, Role::Heading);
    for (size_t i = 0; i < items.size(); ++i) {
        const std::string text = numbered ? std::to_string(i + 1) + ". " + items[i] : items[i];
        y += text_block(ctx, id + "." + std::to_string(i), text, im(area.x, y), w, px, ctx.palette.text,
                        ctx.palette.background);
    }
    return y - top + px * 0.8f;
}

namespace {
// Links and codes are short; the bound keeps encodeText far from its size limit, where it would
// throw (and the web build has no exceptions).
constexpr size_t kMaxQrBytes = 1000;
constexpr int kQuietModules = 4;  // modules of white around the code, as scanners expect
}  // namespace

std::string qr_svg(const std::string& text) {
    if (text.size() > kMaxQrBytes) return "";
    const qrcodegen::QrCode qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    const int n = qr.getSize(), side = n + 2 * kQuietModules;
    std::string path;
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (qr.getModule(x, y))
                path += "M" + std::to_string(x + kQuietModules) + "," + std::to_string(y + kQuietModules) + "h1v1h-1z";
    const std::string s = std::to_string(side);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 " + s + " " + s +
           "\" shape-rendering=\"crispEdges\"><rect width=\"" + s + "\" height=\"" + s + "\" fill=\"#fff\"/><path d=\"" + path +
           "\" fill=\"#000\"/></svg>";
}

float qr_code(PageContext& ctx, const std::string& id, const std::string& text, ImVec2 pos, float side) {
    if (text.size() > kMaxQrBytes)
        return text_block(ctx, id, ctx.strings.text("qr.too_long"), pos, side, ctx.profile.body_px, ctx.palette.text,
                          ctx.palette.background);
    const qrcodegen::QrCode qr = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
    const int n = qr.getSize();
    constexpr int kQuiet = kQuietModules;
    const float module = std::floor(side / (n + 2 * kQuiet));
    const float size = module * (n + 2 * kQuiet);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(im(pos.x, pos.y), im(pos.x + size, pos.y + size), IM_COL32(255, 255, 255, 255));
    for (int y = 0; y < n; ++y)
        for (int x = 0; x < n; ++x)
            if (qr.getModule(x, y)) {
                const float px = pos.x + (x + kQuiet) * module, py = pos.y + (y + kQuiet) * module;
                draw->AddRectFilled(im(px, py), im(px + module, py + module), IM_COL32(0, 0, 0, 255));
            }
    SemNode node{id, Role::Image, ctx.strings.format("qr.label", {{"link", text}}), {pos.x, pos.y, size, size}, 0,
                 rgb_hex(0x000000), rgb_hex(0xFFFFFF), std::nullopt, false};
    ctx.tree.add(node);
    return size;
}

}  // namespace elder
