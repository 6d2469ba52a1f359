#include "form_widgets.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

#include "core/form.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// Typed fields on the left, the keypad on the right where the screen is wide; one column otherwise.
struct FormLayout {
    Rect fields;
    Rect keys;
    bool side_by_side;
};
FormLayout form_layout(const PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const bool keys = !ctx.profile.can.keyboard;
    if (keys && area.w >= 1200) {
        const float fw = std::floor(area.w * 0.5f);
        return {{area.x, y, fw, 0}, {area.x + fw + ctx.profile.gap * 2, y, area.w - fw - ctx.profile.gap * 2, 0}, true};
    }
    return {{area.x, y, area.w, 0}, {area.x, y, keys ? area.w : 0, 0}, false};
}

}  // namespace

float form_with_keypad(PageContext& ctx, float y, const std::vector<std::pair<std::string, std::string>>& fields,
                       const std::function<float(float x, float y, float w)>& after_fields) {
    const FormLayout l = form_layout(ctx, y);
    float fy = l.fields.y;
    for (const auto& [field, label] : fields) fy = field_box(ctx, field, label, {l.fields.x, fy, l.fields.w, 0});
    // One place for what the form has to say, as tall as two lines whether or not it says anything:
    // keys and buttons never move under a finger that is about to press them.
    const Form& form = ctx.state.personal.form;
    const bool error = !form.error.empty();
    const float said = message_line(ctx, error ? "form.error" : "form.notice", error ? form.error : form.notice, error,
                                    l.fields.x, fy, l.fields.w);
    fy += std::max(said, ctx.profile.body_px * 3.5f);
    if (l.keys.w <= 0 || !is_keypad_field(form.active)) return after_fields(l.fields.x, fy, l.fields.w);
    // The keypad, then the form's action under it: a finger that typed the last digit moves down
    // to finish, never back up over the keys.
    const float ky = keypad(ctx, l.keys.x, l.side_by_side ? l.keys.y : fy + ctx.profile.gap, l.keys.w);
    const float below = after_fields(l.keys.x, ky + ctx.profile.gap * 0.5f, l.keys.w);
    return std::max(fy, below);
}


std::string message_text(const PageContext& ctx, const Message& message) {
    return message.text.empty() ? ctx.strings.text(message.key) : message.text;
}

float field_box(PageContext& ctx, const std::string& field, const std::string& label, Rect area) {
    const Palette& p = ctx.palette;
    const float px = ctx.profile.body_px;
    const Form& form = ctx.state.personal.form;
    const auto it = form.fields.find(field);
    const std::string value = it == form.fields.end() ? "" : it->second;
    float y = area.y;
    y += text_block(ctx, "field." + field + ".label", label, ImVec2(area.x, y), area.w, px, p.text, p.background);
    // Browsers type everywhere with their input (and IME); kiosks too for names, which need a
    // keyboard (the system's on-screen one), and the keypad for digits.
    const bool typed = ctx.profile.can.keyboard || !is_keypad_field(field);
    const bool active = !typed && form.active == field;
    const Rect box{area.x, y, area.w, std::max(ctx.profile.min_target_h, px * 2.2f)};
    const Action action = typed ? Action{EditField{field}} : Action{FocusField{field}};
    // The value whole only while it is being typed; a phone or ID number left behind shows its
    // middle as stars, for whoever stands behind the visitor. An empty box says how to fill it.
    const bool typing = active || ctx.state.editing == field;
    const std::string shown = value.empty() ? ctx.strings.text(active ? "form.type_here" : ctx.acting("form.tap_to_type"))
                                            : typing ? value : masked_field(field, value);
    text_box(ctx, {"field." + field, shown + (active ? " |" : ""), "", "", box, p.background, action, px * 1.2f, Role::Textbox},
             value.empty());
    if (active)  // the box the keypad types into has a second outline, so it is found without colour
        ImGui::GetWindowDrawList()->AddRect(ImVec2(box.x, box.y), ImVec2(box.right(), box.bottom()),
                                            to_imcolor(p.accent), 4, 0, ctx.profile.focus_ring_px / 2);
    return box.bottom() + ctx.profile.gap * 0.5f;
}

float keypad(PageContext& ctx, float x, float y, float w) {
    struct Key { const char* id; std::string label; char key; };
    const auto& t = ctx.strings;
    const std::vector<Key> keys{
        {"1", "1", '1'}, {"2", "2", '2'}, {"3", "3", '3'}, {"delete", t.text("keypad.delete"), '<'},
        {"4", "4", '4'}, {"5", "5", '5'}, {"6", "6", '6'}, {"clear", t.text("keypad.clear"), 'C'},
        {"7", "7", '7'}, {"8", "8", '8'}, {"9", "9", '9'}, {"x", "X", 'X'},
        {"0", "0", '0'},
    };
    constexpr int kColumns = 4;
    const float gap = ctx.profile.gap * 0.5f;
    const float key_w = std::floor((w - gap * (kColumns - 1)) / kColumns);
    const float key_h = std::max(ctx.profile.min_target_h, ctx.profile.body_px * 2.4f);
    for (size_t i = 0; i < keys.size(); ++i) {
        const int col = static_cast<int>(i % kColumns), row = static_cast<int>(i / kColumns);
        const bool wide = keys[i].key == '0';  // the last row: one wide 0 under the digits
        const Rect r{x + col * (key_w + gap), y + row * (key_h + gap), wide ? key_w * 3 + gap * 2 : key_w, key_h};
        tile(ctx, {std::string("keypad.") + keys[i].id, keys[i].label, "", "", r, ctx.palette.tile, KeypadPress{keys[i].key},
                   ctx.profile.tile_label_px * 0.8f});
    }
    return y + 4 * (key_h + gap);
}

float message_line(PageContext& ctx, const std::string& id, const Message& message, bool error, float x, float y, float w) {
    if (message.empty()) return 0;
    const Palette& p = ctx.palette;
    const std::string text = (error ? ctx.strings.text("form.error_mark") : "") + message_text(ctx, message);
    return text_block(ctx, id, text, ImVec2(x, y), w, ctx.profile.body_px, error ? p.accent : p.text, p.background,
                      error ? Role::Alert : Role::Text) + ctx.profile.body_px * 0.5f;
}

float fact_line(PageContext& ctx, const std::string& id, const std::string& label, const std::string& value, float y,
                float w) {
    const Rect area = ctx.content();
    return text_block(ctx, id, label + ctx.strings.text("form.colon") + value, ImVec2(area.x, y), w > 0 ? w : area.w,
                      ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
}

// Dim, with no border: it must draw the eye less than the rows that can be chosen (filled tiles).
float unavailable_row(PageContext& ctx, const std::string& id, const std::string& title, const std::string& detail,
                      float y) {
    const Rect area = ctx.content();
    const Palette& p = ctx.palette;
    const float px = ctx.profile.body_px;
    const float pad = px * 0.6f;
    const std::string text = detail.empty() ? title : title + "  " + detail;
    const float h = text_block(ctx, id, text, ImVec2(area.x + pad, y + pad * 0.5f), area.w - 2 * pad, px, p.text_dim,
                               p.background);
    return h + pad;
}

// An outline on the page colour instead of a filled tile: a secondary action (取消预约) must not look
// like the forward action beside it.
Rect secondary_button(PageContext& ctx, const std::string& id, const std::string& label, ImVec2 pos, const Action& action) {
    const Rect r = button(ctx, id, label, pos, action, ctx.palette.background);
    // The outline just outside the button's box (inside the focus ring's gap): the box holds only its
    // words, as every button's does.
    const float t = std::max(2.0f, ctx.profile.focus_ring_px / 3);
    const float o = 3 + t / 2;  // clear of the box, antialiased fringe included
    ImGui::GetWindowDrawList()->AddRect(ImVec2(r.x - o, r.y - o), ImVec2(r.right() + o, r.bottom() + o),
                                        to_imcolor(ctx.palette.text_muted), 16 + o, 0, t);
    return r;
}

}  // namespace elder
