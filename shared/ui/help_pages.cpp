// 紧急求助: SOS in two deliberate steps (the second page's safe choice comes first, so a double
// press never sends it), the community's phone always in view, repair / complaint / callback
// requests, the ticket number, and my requests with their status.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "form_widgets.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// One number to call on a line of its own, never broken inside (急救 / 120 apart reads as two
// things): at heading size where it fits, else as large as fits, never below body text.
float number_line(PageContext& ctx, const std::string& id, const std::string& text, float y) {
    const Rect area = ctx.content();
    const float head = ctx.profile.heading_px;
    const float wide = text_width(ctx, text, head);
    const float px = wide <= area.w ? head : std::max(ctx.profile.body_px, std::floor(head * area.w / wide));
    return text_block(ctx, id, text, ImVec2(area.x, y), area.w, px, ctx.palette.text, ctx.palette.background,
                      px >= head ? Role::Heading : Role::Text);
}

// Who could not ask through the app still reads whom to call: the community first, then 120, 110
// and 119, one to a line.
float hotline(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    float h = text_block(ctx, "help.hotline", t.text("help.call_now"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                         ctx.palette.text, ctx.palette.background);
    const std::string& phone = ctx.state.data.site.value.hotline;
    if (!phone.empty()) h += number_line(ctx, "help.number.community", t.format("help.number.community", {{"hotline", phone}}), y + h);
    for (const char* service : {"ambulance", "police", "fire"})
        h += number_line(ctx, std::string("help.number.") + service, t.text(std::string("help.number.") + service), y + h);
    return h + ctx.profile.gap * 0.5f;
}

// A full-width answer, as tall as a home tile's label needs and a good share of a tall screen:
// large enough to hit without looking twice. Returns the y below it.
float answer(PageContext& ctx, const std::string& id, const std::string& label, const std::string& hint, Rgb fill,
             const Action& action, float y) {
    const Rect area = ctx.content();
    const float h = std::max({ctx.profile.min_target_h * 1.5f, ctx.profile.tile_label_px * (hint.empty() ? 2.2f : 3.2f),
                              area.h * 0.15f});
    tile(ctx, {id, label, hint, "", {area.x, y, area.w, h}, fill, action});
    return y + h + ctx.profile.gap;
}

// A set-top box that cannot send requests says why; true when it can.
bool box_can_ask(PageContext& ctx, float& y) {
    if (!ctx.state.personal.token.empty() || !ctx.profile.can.acts_for_household || ctx.state.device.bound) return true;
    const Rect area = ctx.content();
    y += text_block(ctx, "help.unbound", ctx.strings.text("help.unbound"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.5f;
    y = button(ctx, "device.refresh", ctx.strings.text("device.refresh"), ImVec2(area.x, y), RefreshDevice{}, ctx.palette.tile)
            .bottom() + ctx.profile.gap;
    return false;
}

std::string status_words(const PageContext& ctx, const HelpRequest& r) {
    std::string words = ctx.strings.text("help.kind." + r.kind) + "  " + ctx.strings.text("help.status." + r.status);
    if (!r.handled_by.empty() && r.status != "done") words += "  " + ctx.strings.format("help.handled_by", {{"name", r.handled_by}});
    return words;
}

}  // namespace

void draw_sos_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    float y = page_header(ctx, t.text("tile.sos"));
    y += hotline(ctx, y);
    if (box_can_ask(ctx, y)) {
        y = answer(ctx, "sos.start", t.text("help.sos"), t.text("help.sos_hint"), ctx.palette.sos_tile,
                   OpenScreen{Screen::SosConfirm, ""}, y);
        for (const char* kind : {"repair", "complaint", "callback"})
            y += list_row(ctx, {std::string("help.") + kind, t.text(std::string("help.kind.") + kind),
                                t.text(std::string("help.hint.") + kind), "", area.x, y, area.w, OpenScreen{Screen::HelpForm, kind}}) +
                 ctx.profile.gap * 0.5f;
        y += list_row(ctx, {"help.mine", t.text("requests.title"), "", "", area.x, y, area.w, OpenScreen{Screen::MyRequests, ""}});
    }
    ctx.end_page(y);
}

void draw_sos_confirm_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Form& form = ctx.state.personal.form;
    float y = page_header(ctx, t.text("tile.sos"));
    y += text_block(ctx, "sos.question", t.text("help.sos_question"), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                    ctx.palette.text, ctx.palette.background, Role::Heading) + ctx.profile.gap * 0.5f;
    y += message_line(ctx, "form.error", form.error, true, area.x, y, area.w);
    // 不用了 first and focused, 发出紧急求助 under it: the same key pressed twice never sends.
    y = answer(ctx, "sos.cancel", t.text("help.sos_no"), "", ctx.palette.tile, GoBack{}, y);
    y = answer(ctx, "sos.confirm", t.text(form.busy ? "booking.sending" : "help.sos_yes"), "", ctx.palette.sos_tile,
               AskHelp{"sos"}, y);
    y += hotline(ctx, y);
    ctx.end_page(y);
}

void draw_help_form_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const std::string& kind = ctx.state.route.arg;
    float y = page_header(ctx, t.text("help.kind." + kind));
    y += text_block(ctx, "help.form_hint", t.text("help.hint." + kind), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.5f;
    // Words need a keyboard: browsers and kiosks may add some; a TV sends the request as it is and
    // staff call back.
    std::vector<std::pair<std::string, std::string>> fields;
    if (ctx.profile.can.free_text) fields.push_back({"message", t.text("help.message")});
    const bool busy = ctx.state.personal.form.busy;
    y = form_with_keypad(ctx, y, fields, [&](float x, float fy, float) {
        return button(ctx, "help.send", t.text(busy ? "booking.sending" : "help.send"), ImVec2(x, fy), AskHelp{kind},
                      ctx.palette.tile).bottom() + ctx.profile.gap;
    });
    ctx.end_page(y);
}

void draw_help_sent_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const std::int64_t id = std::atoll(ctx.state.route.arg.c_str());
    const HelpRequest* r = nullptr;
    for (const HelpRequest& x : ctx.state.personal.requests)
        if (x.id == id) r = &x;
    float y = page_header(ctx, t.text("help.sent"));
    if (r) {
        y += text_block(ctx, "help.ticket", t.format("help.ticket", {{"ticket", r->ticket}}), ImVec2(area.x, y), area.w,
                        ctx.profile.heading_px * 1.2f, ctx.palette.text, ctx.palette.background, Role::Heading);
        y += fact_line(ctx, "help.status", t.text("ticket.status"), status_words(ctx, *r), y);
        y += text_block(ctx, "help.next", t.text(r->kind == "sos" ? "help.sos_next" : "help.next"), ImVec2(area.x, y), area.w,
                        ctx.profile.body_px, ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.5f;
    }
    y += hotline(ctx, y);
    y = button(ctx, "help.mine", t.text("requests.title"), ImVec2(area.x, y), OpenScreen{Screen::MyRequests, ""}, ctx.palette.tile)
            .bottom();
    ctx.end_page(y);
}

void draw_my_requests_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    float y = page_header(ctx, t.text("requests.title"));
    if (!box_can_ask(ctx, y)) return ctx.end_page(y);
    if (p.requests_load == Load::Failed) y += message_line(ctx, "page.notice", p.list_error, true, area.x, y, area.w);
    else if (p.requests.empty())
        y += text_block(ctx, "page.notice", t.text(p.requests_load == Load::Done ? "requests.empty" : "state.loading"),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
    for (const HelpRequest& r : p.requests) {
        const std::string detail = status_words(ctx, r) + "  " + ctx.moment(r.created) + (r.note.empty() ? "" : "\n" + r.note);
        y += card(ctx, "request." + std::to_string(r.id),
                  {{t.format("help.ticket", {{"ticket", r.ticket}}), ctx.profile.body_px}, {detail, ctx.profile.body_px, true},
                   {r.message, ctx.profile.body_px, true}},
                  area.x, y, area.w, ReadAloud{status_words(ctx, r)}) + ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

}  // namespace elder
