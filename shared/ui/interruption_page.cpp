// A Severe or Extreme alert interrupts whatever is on screen: severity in words, colour and a
// warning sign, the headline, what to do, and one large 我知道了 (Back does the same).
#include <algorithm>

#include "alert_words.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// Dark enough for white text at 7:1 and more; in high contrast the band is black with a yellow edge.
Rgb band_colour(const PageContext& ctx, const Alert& a) {
    if (ctx.state.settings.high_contrast) return rgb_hex(0x000000);
    return a.infos.front().severity == "Extreme" ? rgb_hex(0x8A1410) : rgb_hex(0x7A3F00);
}

void warning_sign(PageContext& ctx, const Rect& r) {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImU32 yellow = IM_COL32(0xFF, 0xD2, 0x3F, 0xFF);
    draw->AddTriangleFilled(ImVec2(r.center_x(), r.y), ImVec2(r.right(), r.bottom()), ImVec2(r.x, r.bottom()), yellow);
    const float bar = r.w * 0.09f;
    draw->AddRectFilled(ImVec2(r.center_x() - bar / 2, r.y + r.h * 0.35f), ImVec2(r.center_x() + bar / 2, r.y + r.h * 0.72f),
                        IM_COL32(0, 0, 0, 255));
    draw->AddRectFilled(ImVec2(r.center_x() - bar / 2, r.y + r.h * 0.8f), ImVec2(r.center_x() + bar / 2, r.y + r.h * 0.8f + bar),
                        IM_COL32(0, 0, 0, 255));
    ctx.tree.add({"interrupt.icon", Role::Image, ctx.strings.text("interrupt.icon"), r, 0, rgb_hex(0x000000),
                  rgb_hex(0xFFD23F), std::nullopt, false});
}

// Each surface is told what it has: a remote's 返回 key on a TV, only the button elsewhere.
std::string hint_words(const PageContext& ctx) {
    return ctx.strings.text(ctx.acting("interrupt.hint"));
}

// Enlarged text wraps a glyph short of the edge: a closing mark (，。；) hangs at the end of its
// line rather than start the next, and must not hang off a kiosk's edge at 1.25x or 1.5x. At heading
// size the full width, as every page has it (narrower, a headline that just fit left a word alone).
float wrap_width(const PageContext& ctx, float px) {
    return ctx.content().w - (px > ctx.profile.heading_px + 0.5f ? px : 0);
}

// What to do, as the advice says it ("怎么做：…").
std::string instruction_words(const PageContext& ctx, const AlertInfo& info) {
    return ctx.strings.format("alerts.instruction", {{"text", info.instruction}});
}
// Whether the community's number is shown apart from the advice (not said twice).
bool hotline_apart(const PageContext& ctx, const AlertInfo& info) {
    const std::string& phone = ctx.state.data.site.value.hotline;
    return !phone.empty() && info.instruction.find(phone) == std::string::npos;
}

// Whom to call: the number on a line of its own, or, where the screen is short, after the words on
// the same line (still whole: message_fit never takes a size that splits it).
std::string hotline_words(const PageContext& ctx, bool own_line) {
    std::string words = ctx.strings.format("interrupt.hotline", {{"hotline", ctx.state.data.site.value.hotline}});
    if (!own_line) words.erase(std::remove(words.begin(), words.end(), '\n'), words.end());
    return words;
}

// What to do and whom to call, at the headline's size: the two things a resident must take away, so
// they are the largest words on the screen, never the smallest.
float advice(PageContext& ctx, const AlertInfo& info, float y, float head, bool number_own_line) {
    const Rect area = ctx.content();
    const float gap = ctx.profile.body_px * 0.5f;
    float h = 0;
    if (!info.instruction.empty())
        h += text_block(ctx, "interrupt.instruction", instruction_words(ctx, info), ImVec2(area.x, y), wrap_width(ctx, head), head,
                        ctx.palette.text, ctx.palette.background) + gap;
    if (hotline_apart(ctx, info))
        h += text_block(ctx, "interrupt.hotline", hotline_words(ctx, number_own_line), ImVec2(area.x, y + h), wrap_width(ctx, head),
                        head, ctx.palette.text, ctx.palette.background) + gap;
    return h;
}

// How much air the screen gives around the words: roomy where it can, tight where a TV at the
// largest text would otherwise push 我知道了 off the screen (a band with half the padding, a button
// 1.6 labels tall instead of 2, no hint under it: the focused 我知道了 says what OK does; and the
// community's number after its words instead of on a line of its own).
struct Room {
    float band_pad;   // in body lines, above and below the band's words together
    float ack_lines;  // the button's height in label sizes
    bool hint;        // the sentence under the button
    bool number_line; // the community's number on a line of its own
};
constexpr Room kRoomy{2.f, 2.f, true, true}, kTight{1.f, 1.6f, false, false};

// The ack button's height, and the space under it for the hint.
float ack_height(const PageContext& ctx, Room room) { return std::max(ctx.profile.min_target_h, ctx.profile.tile_label_px * room.ack_lines); }
float hint_height(const PageContext& ctx, Room room) {
    return room.hint ? text_block_height(ctx, hint_words(ctx), ctx.content().w, ctx.profile.body_px) : 0;
}

// The band: warning sign, severity in words, the event, at `px`; its height, drawn or not.
float band_height(const PageContext& ctx, const std::string& title, float px, Room room) {
    const float pad = ctx.profile.body_px, icon = px * 1.6f;
    return std::max(icon, text_block_height(ctx, title, ctx.content().w - 3 * pad - icon, px)) + room.band_pad * pad;
}
float draw_band(PageContext& ctx, const Alert& alert, const std::string& title, float px, Room room) {
    const Rect area = ctx.content();
    const float pad = ctx.profile.body_px, icon = px * 1.6f;
    const float text_x = area.x + pad + icon + pad;
    const float title_h = text_block_height(ctx, title, area.right() - pad - text_x, px);
    const Rect r{area.x, ctx.top(), area.w, band_height(ctx, title, px, room)};
    const Rgb fill = band_colour(ctx, alert);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), to_imcolor(fill), 16);
    if (ctx.state.settings.high_contrast)
        draw->AddRect(ImVec2(r.x, r.y), ImVec2(r.right(), r.bottom()), IM_COL32(0xFF, 0xFF, 0, 0xFF), 16, 0, 6);
    warning_sign(ctx, {area.x + pad, r.center_y() - icon / 2, icon, icon});
    text_block(ctx, "interrupt.title", title, ImVec2(text_x, r.center_y() - title_h / 2), area.right() - pad - text_x, px,
               rgb_hex(0xFFFFFF), fill, Role::Heading);
    return r.bottom();
}

// The band's words: as large as the message up to 1.25x the heading size (a larger band would take
// the room the advice needs; its colour, sign and words already make it stand out).
// Never below the heading size: the band's words and the headline are headings.
float band_px(const PageContext& ctx, float big) {
    return std::clamp(big, ctx.profile.heading_px, ctx.profile.heading_px * 1.25f);
}
float headline_px(const PageContext& ctx, float big) { return std::max(big, ctx.profile.heading_px); }

// How tall the message is with its words at `px` (band, headline, what to do, whom to call).
float message_height(const PageContext& ctx, const AlertInfo& info, const std::string& title, float px, Room room) {
    const float w = wrap_width(ctx, px), gap = ctx.profile.body_px;
    const float head = headline_px(ctx, px);
    float h = band_height(ctx, title, band_px(ctx, px), room) + gap + text_block_height(ctx, info.headline, wrap_width(ctx, head), head) + gap * 0.5f;
    if (!info.instruction.empty())
        h += text_block_height(ctx, instruction_words(ctx, info), w, px) + gap * 0.5f;
    if (hotline_apart(ctx, info))
        h += text_block_height(ctx, hotline_words(ctx, room.number_line), w, px) + gap * 0.5f;
    return h;
}

// Whether `text` at `px` breaks well: the community's number whole on one line (a number split
// across lines is misdialled), and no character left alone on a headline's last line.
bool breaks_well(const PageContext& ctx, const std::string& text, float px, bool headline) {
    const std::vector<std::string> lines = text_block_lines(ctx, text, wrap_width(ctx, px), px);
    const std::string& phone = ctx.state.data.site.value.hotline;
    if (!phone.empty() && text.find(phone) != std::string::npos) {
        bool whole = false;
        for (const std::string& line : lines) whole |= line.find(phone) != std::string::npos;
        if (!whole) return false;
    }
    const auto glyphs = [](const std::string& s) {
        return std::count_if(s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    };
    return !headline || lines.size() < 2 || glyphs(lines.back()) > 1;
}

// What to do and whom to call as large as the screen has room for above the button: a tall kiosk
// left 60 % of its height empty at heading size, while the advice is what a resident must take
// away. From 3x the heading size down in sixteenths; the community's number stays whole on one line
// and the headline leaves no character alone; a roomy screen first, then a tight one. Where even the
// heading size does not fit (a TV at the largest text), smaller, down to the resident's own body
// size (the headline and the band stay at heading size: they are headings): one screen with
// 我知道了 in view and its focus ring shown beats a larger advice that scrolls the only button out
// of sight.
struct Fit {
    float px;
    Room room;
};
Fit message_fit(const PageContext& ctx, const AlertInfo& info, const std::string& title) {
    const float head = ctx.profile.heading_px, body = ctx.profile.body_px;
    const std::string& phone = ctx.state.data.site.value.hotline;
    const auto fits = [&](float px, Room room) {
        const float space = ctx.content().h - ack_height(ctx, room) - hint_height(ctx, room) - 2.5f * body;
        return (phone.empty() || text_width(ctx, phone, px) <= wrap_width(ctx, px)) && message_height(ctx, info, title, px, room) <= space;
    };
    const std::string advice = instruction_words(ctx, info);
    for (const Room room : {kRoomy, kTight})
        for (float scale = 3.0f; scale > 1.0f; scale -= 0.0625f)
            if (fits(head * scale, room) && breaks_well(ctx, info.headline, head * scale, true) && breaks_well(ctx, advice, head * scale, false))
                return {head * scale, room};
    for (const Room room : {kRoomy, kTight})
        for (float px = head; px > body; px -= head * 0.0625f)
            if (fits(px, room)) return {px, room};
    return {body, kTight};  // taller than the screen even so: the page scrolls
}

// One large 我知道了, bottom-centre (ACCESSIBILITY.md: a dialog's close target), focused when the
// screen opens so a TV shows its ring at once. Returns the y below it.
float ack_button(PageContext& ctx, const Alert& alert, float y, Room room) {
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    const std::string ack = ctx.strings.text("interrupt.ack");
    const float w = std::min(area.w, std::max(area.w * 0.6f, text_width(ctx, ack, ctx.profile.tile_label_px) + 4 * px));
    const float h = ack_height(ctx, room);
    const float button_y = std::max(y + px, ctx.top() + area.h - h - hint_height(ctx, room) - px);
    tile(ctx, {"interrupt.ack", ack, "", "", {area.center_x() - w / 2, button_y, w, h}, ctx.palette.tile,
               AcknowledgeAlert{alert.id}});
    ctx.tree.focus_last_on_entry();
    return button_y + h + px * 0.5f;
}

}  // namespace

void draw_interruption_page(PageContext& ctx, const Alert& alert) {
    const Rect area = ctx.content();
    const AlertInfo& info = alert.infos.front();
    const float px = ctx.profile.body_px;
    const std::string title = alert_title_words(ctx.strings, alert, "interrupt.title");
    const Fit fit = message_fit(ctx, info, title);
    const float big = fit.px;
    // Taller than the screen (the largest text on a TV), it scrolls: everything is placed from top().
    float y = draw_band(ctx, alert, title, band_px(ctx, big), fit.room) + px;
    y += text_block(ctx, "interrupt.headline", info.headline, ImVec2(area.x, y), wrap_width(ctx, headline_px(ctx, big)), headline_px(ctx, big), ctx.palette.text,
                    ctx.palette.background, Role::Heading) + px * 0.5f;
    y += advice(ctx, info, y, big, fit.room.number_line);
    y = ack_button(ctx, alert, y, fit.room);
    if (fit.room.hint)
        y += text_block(ctx, "interrupt.hint", hint_words(ctx), ImVec2(area.x, y), area.w, px, ctx.palette.text_muted,
                        ctx.palette.background);
    ctx.end_page(y);
}

}  // namespace elder
