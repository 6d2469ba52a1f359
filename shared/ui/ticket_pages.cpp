// After booking: the ticket (appointment code in large type, time, place, materials, a QR code for
// the counter), my appointments, and cancelling with a confirmation and a 10-minute undo.
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
bool within_undo(const CivilTime& now, const std::string& iso) {
    const auto then = parse_iso_time(iso);
    return then && minutes_between(*then, now) < kUndoMinutes;
}

// What the counter's scanner reads: the appointment's id and code.
std::string ticket_qr_text(const Appointment& a) { return "ELDER-APPOINTMENT:" + std::to_string(a.id) + ":" + a.code; }

// The ticket on paper: what the counter needs, in the same words as on screen.
Printout ticket_printout(const PageContext& ctx, const Appointment& a) {
    const auto& t = ctx.strings;
    const std::string colon = t.text("form.colon");
    Printout p;
    p.heading = ctx.state.data.site.value.community_name + " " + t.text("ticket.title");
    p.lines = {t.format("ticket.code", {{"code", a.code}}),
               t.text("booking.service") + colon + a.service,
               t.text("booking.time") + colon + ctx.time_range(a.slot.start, a.slot.end),
               t.text("booking.place") + colon + a.place,
               t.text("booking.name") + colon + a.name};
    for (size_t i = 0; i < a.materials.size(); ++i)
        p.lines.push_back((i == 0 ? t.text("ticket.materials") + colon : std::string()) + std::to_string(i + 1) + ". " + a.materials[i]);
    p.qr_svg = qr_svg(ticket_qr_text(a));
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

}  // namespace

void draw_ticket_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    const Appointment* a = appointment_of(ctx, std::atoll(ctx.state.route.arg.c_str()));
    float y = page_header(ctx, t.text("ticket.title"));
    if (!a) {
        y += text_block(ctx, "page.notice", t.text(p.appointments_load == Load::Failed ? "state.error" : "state.loading"),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
        return ctx.end_page(y);
    }
    y += message_line(ctx, "form.notice", p.form.notice, false, area.x, y, area.w);
    y += message_line(ctx, "form.error", p.form.error, true, area.x, y, area.w);
    // The code is what the counter asks for: as large as a heading, and in a QR code to scan, which
    // sits beside the words on wide screens (the whole ticket on one TV screen) and under them otherwise.
    const bool booked = a->status == "booked";
    const float side = std::min(area.w, ctx.profile.min_target_h * 3);
    const bool beside = booked && area.w >= side * 3;
    const float text_w = beside ? area.w - side - ctx.profile.gap : area.w;
    if (beside) qr_code(ctx, "ticket.qr", ticket_qr_text(*a), ImVec2(area.right() - side, y), side);
    y += text_block(ctx, "ticket.code", t.format("ticket.code", {{"code", a->code}}), ImVec2(area.x, y), text_w,
                    ctx.profile.heading_px * 1.2f, ctx.palette.text, ctx.palette.background, Role::Heading);
    y += fact_line(ctx, "ticket.status", t.text("ticket.status"), status_words(ctx, *a), y, text_w);
    if (a->status == "cancelled" && !a->cancel_reason.empty())
        y += fact_line(ctx, "ticket.cancel_reason", t.text("ticket.cancel_reason"), a->cancel_reason, y, text_w);
    y = appointment_facts(ctx, *a, y, text_w) + ctx.profile.gap * 0.5f;
    if (!a->materials.empty()) y += section(ctx, "ticket.materials", t.text("ticket.materials"), a->materials, true, y);
    if (booked) {
        if (!beside) y += qr_code(ctx, "ticket.qr", ticket_qr_text(*a), ImVec2(area.x, y), side) + ctx.profile.gap;
        std::vector<ButtonSpec> buttons;
        if (ctx.profile.can.printer)
            buttons.push_back({"ticket.print", t.text("ticket.print"), PrintTicket{ticket_printout(ctx, *a)}, ctx.palette.tile});
        buttons.push_back({"ticket.cancel", t.text("ticket.cancel"), OpenScreen{Screen::CancelConfirm, std::to_string(a->id)},
                           ctx.palette.tile});
        y = button_row(ctx, buttons, ImVec2(area.x, y)) + ctx.profile.gap;
    } else if (a->status == "cancelled" && a->cancel_reason.empty() && within_undo(ctx.now, a->cancelled_at)) {
        // (A slot the community closed cannot be taken back: only the resident's own cancellation.)
        y += text_block(ctx, "ticket.undo_hint", t.format("ticket.undo_hint", {{"minutes", std::to_string(kUndoMinutes)}}),
                        ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text, ctx.palette.background);
        y = button(ctx, "ticket.restore", t.text(p.form.busy ? "booking.sending" : "ticket.restore"), ImVec2(area.x, y),
                   RestoreAppointment{a->id}, ctx.palette.tile).bottom() + ctx.profile.gap;
    }
    ctx.end_page(y);
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
