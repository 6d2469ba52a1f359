// After booking: the ticket (✓ 预约成功, the time largest, a code of digits to read out, place,
// materials, a QR code for the counter), my appointments, and cancelling with a confirmation and a
// 10-minute undo.
#include <algorithm>
#include <cstdlib>

#include "core/form.hpp"
#include "form_widgets.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

const Appointment* appointment_of(const PageContext& ctx, std::int64_t id) {
    for (const Appointment& a : ctx.state.personal.appointments)
        if (a.id == id) return &a;
    return nullptr;
}

// A cancellation the community made (a closed slot) says so, so that nobody thinks they pressed it.
std::string status_words(const PageContext& ctx, const Appointment& a) {
    if (a.status == "cancelled" && !a.cancel_reason.empty()) return ctx.strings.text("ticket.status.cancelled_by_community");
    return ctx.strings.text("ticket.status." + a.status);
}

// Whether a cancellation at `iso` can still be undone; not when its time cannot be read.
bool within_undo(const PageContext& ctx, const std::string& iso) {
    const auto then = parse_iso_time(iso, ctx.utc_offset());
    return then && minutes_between(*then, ctx.now) < kUndoMinutes;
}

// What the counter's scanner reads: the appointment's id and code.
std::string ticket_qr_text(const Appointment& a) { return "ELDER-APPOINTMENT:" + std::to_string(a.id) + ":" + a.code; }

// The last moment a cancellation can be undone ("21:42"), for the button that undoes it.
std::string undo_deadline(const PageContext& ctx, const std::string& cancelled_at) {
    auto t = parse_iso_time(cancelled_at, ctx.utc_offset());
    if (!t) return "";
    const int minutes = t->hour * 60 + t->minute + static_cast<int>(kUndoMinutes);
    t->hour = minutes / 60 % 24;
    t->minute = minutes % 60;
    return format_clock(*t);
}

// The ticket on paper: what the counter needs, in the same words as on screen, the time largest,
// and the community's phone for questions (the print stylesheet sets the large type and margins).
Printout ticket_printout(const PageContext& ctx, const Appointment& a) {
    const auto& t = ctx.strings;
    const Site& site = ctx.state.data.site.value;
    const std::string colon = t.text("form.colon");
    Printout p;
    p.heading = site.community_name + " " + t.text("ticket.title");
    p.headline = "\u2713 " + t.text("ticket.booked");
    p.time = format_spoken_time(t, a.slot.start, ctx.utc_offset());
    p.lines = {t.format("ticket.code", {{"code", a.code}}),
               t.text("booking.time") + colon + ctx.time_range(a.slot.start, a.slot.end),
               t.text("booking.service") + colon + a.service,
               t.text("booking.place") + colon + a.place,
               t.text("booking.name") + colon + a.name};
    for (size_t i = 0; i < a.materials.size(); ++i)
        p.lines.push_back((i == 0 ? t.text("ticket.materials") + colon : std::string()) + std::to_string(i + 1) + ". " + a.materials[i]);
    p.qr_svg = qr_svg(ticket_qr_text(a));
    p.qr_caption = t.text("ticket.qr_caption");
    if (!site.hotline.empty()) p.footer = t.format("ticket.print_phone", {{"phone", site.hotline}});
    return p;
}

float appointment_facts(PageContext& ctx, const Appointment& a, float y, float w = 0) {
    const auto& t = ctx.strings;
    y += fact_line(ctx, "ticket.service", t.text("booking.service"), a.service, y, w);
    y += fact_line(ctx, "ticket.time", t.text("booking.time"), ctx.time_range(a.slot.start, a.slot.end), y, w);
    y += fact_line(ctx, "ticket.place", t.text("booking.place"), a.place, y, w);
    y += fact_line(ctx, "ticket.name", t.text("booking.name"), a.name, y, w);
    return y;
}

// A tick drawn as two strokes (the font has no ✓), the height of a line at `px`, at `pos`.
float draw_tick(PageContext& ctx, ImVec2 pos, float px) {
    const float s = px * 0.9f;
    const ImVec2 points[] = {ImVec2(pos.x + s * 0.08f, pos.y + s * 0.55f), ImVec2(pos.x + s * 0.4f, pos.y + s * 0.88f),
                             ImVec2(pos.x + s * 0.95f, pos.y + s * 0.2f)};
    ImGui::GetWindowDrawList()->AddPolyline(points, 3, to_imcolor(ctx.palette.text), 0, std::max(3.0f, px / 8));
    return s + px * 0.3f;
}

// The first words: ✓ 预约成功 on a valid ticket; otherwise what became of it (已取消, 社区已取消,
// 已办理, 未到场), larger than anything else on the page so that nobody takes it for a valid ticket.
float ticket_headline(PageContext& ctx, const Appointment& a, float y, float w) {
    const Rect area = ctx.content();
    const bool booked = a.status == "booked";
    const float px = ctx.profile.heading_px * (booked ? 1.1f : 1.4f);
    const float indent = booked ? draw_tick(ctx, ImVec2(area.x, y + px * 0.1f), px) : 0;
    const std::string words = booked ? ctx.strings.text("ticket.booked") : status_words(ctx, a);
    return text_block(ctx, "ticket.headline", words, ImVec2(area.x + indent, y), w - indent, px, ctx.palette.text,
                      ctx.palette.background, Role::Heading);
}

// The valid ticket's words: the time largest (as people say it; the printout adds the time range),
// the code to read out at the counter, then service, place and name: all on one TV screen.
float booked_facts(PageContext& ctx, const Appointment& a, float y, float w) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Palette& p = ctx.palette;
    y += text_block(ctx, "ticket.when", format_spoken_time(t, a.slot.start, ctx.utc_offset()), ImVec2(area.x, y), w, ctx.profile.heading_px * 1.3f,
                    p.text, p.background, Role::Heading);
    y += text_block(ctx, "ticket.code", t.format("ticket.code", {{"code", a.code}}), ImVec2(area.x, y), w, ctx.profile.heading_px,
                    p.text, p.background);
    y += fact_line(ctx, "ticket.service", t.text("booking.service"), a.service, y, w);
    y += fact_line(ctx, "ticket.place", t.text("booking.place"), a.place, y, w);
    return y + fact_line(ctx, "ticket.name", t.text("booking.name"), a.name, y, w);
}

// A ticket that no longer holds: every line dimmed, in body size, so that only the headline stands out.
float void_facts(PageContext& ctx, const Appointment& a, float y, float w) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const std::string colon = t.text("form.colon");
    const auto line = [&](const std::string& id, const std::string& text) {
        y += text_block(ctx, id, text, ImVec2(area.x, y), w, ctx.profile.body_px, ctx.palette.text_dim, ctx.palette.background);
    };
    if (a.status == "cancelled" && !a.cancel_reason.empty()) line("ticket.cancel_reason", t.text("ticket.cancel_reason") + colon + a.cancel_reason);
    line("ticket.time", t.text("booking.time") + colon + ctx.time_range(a.slot.start, a.slot.end));
    line("ticket.service", t.text("booking.service") + colon + a.service);
    line("ticket.place", t.text("booking.place") + colon + a.place);
    line("ticket.name", t.text("booking.name") + colon + a.name);
    line("ticket.code", t.format("ticket.code", {{"code", a.code}}));
    return y;
}

// The QR code with what to do with it under it; returns the y below the caption.
float ticket_qr(PageContext& ctx, const Appointment& a, float x, float y, float side) {
    const float px = ctx.profile.body_px;
    const float drawn = qr_code(ctx, "ticket.qr", ticket_qr_text(a), ImVec2(x, y), side);  // whole modules: a little under `side`
    y += drawn + px * 0.3f;  // the caption clear of the code
    const std::string caption = ctx.strings.text("ticket.qr_caption");
    const float cx = x + std::max(0.0f, (drawn - text_width(ctx, caption, px)) / 2);  // centred under the code
    return y + text_block(ctx, "ticket.qr_caption", caption, ImVec2(cx, y), std::max(drawn - (cx - x), text_width(ctx, caption, px)), px,
                          ctx.palette.text, ctx.palette.background);
}

// The forward actions first (打印凭证 where there is a printer, 完成), the page's entry focus on the
// first of them; then, apart and outlined, 取消预约 (or, for a cancellation of one's own, 恢复预约
// with its deadline). Returns the y below.
float ticket_actions(PageContext& ctx, const Appointment& a, float x, float y) {
    const auto& t = ctx.strings;
    const bool busy = ctx.state.personal.form.busy;
    const bool booked = a.status == "booked";
    std::vector<ButtonSpec> forward;
    if (booked && ctx.profile.can.printer)
        forward.push_back({"ticket.print", t.text("ticket.print"), PrintTicket{ticket_printout(ctx, a)}, ctx.palette.tile, true});
    forward.push_back({"ticket.done", t.text("ticket.done"), GoBack{}, ctx.palette.tile, true});
    y = button_row(ctx, forward, ImVec2(x, y)) + ctx.profile.gap * 0.5f;
    if (booked)
        return secondary_button(ctx, "ticket.cancel", t.text("ticket.cancel"), ImVec2(x, y),
                                OpenScreen{Screen::CancelConfirm, std::to_string(a.id)}).bottom();
    // (A slot the community closed cannot be taken back: only the resident's own cancellation.)
    if (a.status != "cancelled" || !a.cancel_reason.empty() || !within_undo(ctx, a.cancelled_at)) return y;
    const Rect area = ctx.content();
    y += text_block(ctx, "ticket.undo_hint", t.format("ticket.undo_hint", {{"minutes", std::to_string(kUndoMinutes)}}),
                    ImVec2(x, y), area.right() - x, ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
    const std::string label = busy ? t.text("booking.sending") : t.format("ticket.restore", {{"time", undo_deadline(ctx, a.cancelled_at)}});
    return secondary_button(ctx, "ticket.restore", label, ImVec2(x, y), RestoreAppointment{a.id}).bottom();
}

}  // namespace

// The ticket fits one TV screen: on wide screens the QR code, its caption and the buttons stand in
// a column beside the words; on narrow ones everything goes one under the other.
void draw_ticket_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    const Appointment* a = appointment_of(ctx, std::atoll(ctx.state.route.arg.c_str()));
    // A ticket that no longer holds is not called 凭证 (a voucher) any more.
    float y = page_header(ctx, t.text(!a || a->status == "booked" ? "ticket.title" : "ticket.title_void"));
    if (!a) {
        y += text_block(ctx, "page.notice", t.text(p.appointments_load == Load::Failed ? "state.error" : "state.loading"),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
        return ctx.end_page(y);
    }
    y += message_line(ctx, "form.notice", p.form.notice, false, area.x, y, area.w);
    y += message_line(ctx, "form.error", p.form.error, true, area.x, y, area.w);
    const bool booked = a->status == "booked";
    const float side = std::min(area.w, ctx.profile.min_target_h * 3);
    const bool beside = area.w >= side * 3;
    const float text_w = beside ? area.w - side - ctx.profile.gap : area.w;
    const float column_x = area.right() - side;
    float column_y = y;
    if (beside && booked) column_y = ticket_qr(ctx, *a, column_x, y, side) + ctx.profile.gap * 0.5f;
    y += ticket_headline(ctx, *a, y, text_w) + ctx.profile.gap * 0.25f;
    y = booked ? booked_facts(ctx, *a, y, text_w) : void_facts(ctx, *a, y, text_w);
    y += ctx.profile.gap * 0.5f;
    if (booked && !a->materials.empty())
        y += section(ctx, "ticket.materials", t.text("ticket.materials"), a->materials, true, y, text_w);
    // (Without a QR code there is no column: the buttons go under the words, at full width.)
    if (beside && booked) return ctx.end_page(std::max(y, ticket_actions(ctx, *a, column_x, column_y)));
    if (booked) y = ticket_qr(ctx, *a, area.x, y, side) + ctx.profile.gap * 0.5f;
    ctx.end_page(ticket_actions(ctx, *a, area.x, y) + ctx.profile.gap);
}

void draw_my_appointments_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    float y = page_header(ctx, t.text("mine.title"));
    if (p.token.empty() && !ctx.state.device.bound) {  // a set-top box not bound yet
        y += text_block(ctx, "page.notice", t.text("mine.box_unbound"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                        ctx.palette.text, ctx.palette.background);
        return ctx.end_page(y);
    }
    if (p.appointments_load == Load::Failed)
        y += message_line(ctx, "page.notice", p.list_error, true, area.x, y, area.w);
    else if (p.appointments.empty())
        y += text_block(ctx, "page.notice", t.text(p.appointments_load == Load::Done ? "mine.empty" : "state.loading"),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text, ctx.palette.background) +
             ctx.profile.gap;
    for (const Appointment& a : p.appointments) {
        y += list_row(ctx, {"mine." + std::to_string(a.id), a.service,
                            ctx.time_range(a.slot.start, a.slot.end) + "  " + status_words(ctx, a), "", area.x, y, area.w,
                            OpenScreen{Screen::Ticket, std::to_string(a.id)}}) + ctx.profile.gap * 0.5f;
    }
    if (!p.token.empty()) {
        y += text_block(ctx, "mine.signed_in", t.format("mine.signed_in", {{"phone", masked_phone(p.phone)}}), ImVec2(area.x, y),
                        area.w, ctx.profile.body_px, ctx.palette.text_muted, ctx.palette.background);
        y = button(ctx, "mine.sign_out", t.text("mine.sign_out"), ImVec2(area.x, y), SignOut{}, ctx.palette.tile).bottom();
    }
    ctx.end_page(y);
}

void draw_cancel_confirm_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    const Appointment* a = appointment_of(ctx, std::atoll(ctx.state.route.arg.c_str()));
    float y = page_header(ctx, t.text("cancel.title"));
    y += text_block(ctx, "cancel.question", t.text("cancel.question"), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                    ctx.palette.text, ctx.palette.background, Role::Heading) + ctx.profile.gap * 0.5f;
    if (a) y = appointment_facts(ctx, *a, y) + ctx.profile.gap * 0.5f;
    y += message_line(ctx, "form.error", p.form.error, true, area.x, y, area.w);
    // "Keep it" comes first: the safe choice is where focus starts.
    std::vector<ButtonSpec> buttons{{"cancel.keep", t.text("cancel.keep"), GoBack{}, ctx.palette.tile}};
    if (a)
        buttons.push_back({"cancel.confirm", t.text(p.form.busy ? "booking.sending" : "cancel.confirm"), CancelAppointment{a->id},
                           ctx.palette.sos_tile});
    ctx.end_page(button_row(ctx, buttons, ImVec2(area.x, y)));
}

void draw_sign_in_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    float y = page_header(ctx, t.text("sign_in.title"));
    y += text_block(ctx, "sign_in.why", t.text("sign_in.why"), ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text,
                    ctx.palette.background) + ctx.profile.gap * 0.5f;
    const bool busy = ctx.state.personal.form.busy;
    y = form_with_keypad(ctx, y, {{"phone", t.text("booking.phone")}, {"code", t.text("sign_in.code")}}, [&](float x, float fy, float) {
        return button_row(ctx, {{"sign_in.send_code", t.text("sign_in.send_code"), SendCode{}, ctx.palette.tile},
                                {"sign_in.submit", t.text(busy ? "booking.sending" : "sign_in.submit"), SignIn{}, ctx.palette.tile}},
                          ImVec2(x, fy)) + ctx.profile.gap;
    });
    ctx.end_page(y);
}

}  // namespace elder
