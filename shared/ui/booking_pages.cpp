// Booking, the first steps: which service (预约办理), which day (the next 14; days that cannot be
// booked dimmed, with the reason in words), which time (seats left).
#include <cstdlib>

#include "form_widgets.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

// "3/2026-11-24" -> 3, "2026-11-24"
std::pair<std::int64_t, std::string> schedule_and_date(const std::string& arg) {
    const size_t slash = arg.find('/');
    return {std::atoll(arg.c_str()), slash == std::string::npos ? "" : arg.substr(slash + 1)};
}

float load_notice(PageContext& ctx, Load load, bool empty, const char* empty_key, float y) {
    std::string key;
    if (load == Load::Failed) key = "state.error";
    else if (empty && load != Load::Done) key = "state.loading";
    else if (empty) key = empty_key;
    if (key.empty()) return 0;
    const Rect area = ctx.content();
    float h = text_block(ctx, "page.notice", ctx.strings.text(key), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                         ctx.palette.text, ctx.palette.background) + ctx.profile.body_px * 0.6f;
    if (load == Load::Failed)
        h += button(ctx, "page.retry", ctx.strings.text("state.retry"), ImVec2(area.x, y + h), ReloadPage{}, ctx.palette.tile).h +
             ctx.profile.gap;
    return h;
}

std::string service_title(const PageContext& ctx, std::int64_t schedule) {
    const Schedule* s = booking_schedule(ctx.state, schedule);
    return s ? s->service : ctx.strings.text("tile.appointments");
}

// The slots of one day ("2026-11-24"), in the order the server sent them (earliest first).
std::vector<const Slot*> slots_on(const PageContext& ctx, const std::string& date) {
    std::vector<const Slot*> out;
    for (const Slot& s : ctx.state.booking.slots)
        if (s.start.compare(0, 10, date) == 0) out.push_back(&s);
    return out;
}

// A time that has begun cannot be booked any more (the server refuses it).
bool started(const PageContext& ctx, const Slot& s) {
    const auto start = parse_iso_time(s.start, ctx.utc_offset());
    return start && minutes_between(*start, ctx.now) >= 0;
}

// Why day `d` (0: today) cannot be booked, as a catalogue key, or "" when it can: no times that
// day, today's times all begun, or no seat left.
const char* day_refusal(const PageContext& ctx, int d, const std::vector<const Slot*>& slots) {
    if (slots.empty()) return d == 0 ? "booking.same_day" : "booking.closed";
    bool open = false, seats = false;
    for (const Slot* s : slots) {
        if (started(ctx, *s)) continue;
        open = true;
        seats |= s->seats_left > 0;
    }
    if (!open) return "booking.today_over";
    return seats ? "" : "booking.day_full";
}

std::string time_span(const PageContext& ctx, const Slot& s) {
    const auto a = parse_iso_time(s.start, ctx.utc_offset()), b = parse_iso_time(s.end, ctx.utc_offset());
    return a && b ? format_clock(*a) + "-" + format_clock(*b) : s.start;
}

}  // namespace

void draw_appointments_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    float y = page_header(ctx, t.text("tile.appointments"));
    y += list_row(ctx, {"booking.mine", t.text("mine.title"), t.text("mine.hint"), "", area.x, y, area.w,
                        OpenScreen{Screen::MyAppointments, ""}}) + ctx.profile.gap;
    y += text_block(ctx, "booking.services", t.text("booking.services"), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                    ctx.palette.accent, ctx.palette.background, Role::Heading);
    const auto& schedules = ctx.state.data.schedules;
    y += load_notice(ctx, load_of(schedules.fetch), schedules.value.empty(), "booking.no_services", y);
    for (const Schedule& s : schedules.value) {
        if (!s.active) continue;
        y += list_row(ctx, {"booking.service." + std::to_string(s.id), s.service, s.place, "", area.x, y, area.w,
                            OpenScreen{Screen::BookDate, std::to_string(s.id)}}) + ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

void draw_book_date_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const std::int64_t schedule = std::atoll(ctx.state.route.arg.c_str());
    float y = page_header(ctx, service_title(ctx, schedule));
    y += text_block(ctx, "booking.pick_day", t.text("booking.pick_day"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.5f;
    const Booking& b = ctx.state.booking;
    const bool mine = b.slots_schedule == schedule;
    y += load_notice(ctx, mine ? b.slots_load : Load::Loading, !mine || b.slots_load != Load::Done, "", y);
    if (!mine || b.slots_load == Load::Idle || (b.slots_load == Load::Loading && b.slots.empty())) return ctx.end_page(y);
    for (int d = 0; d < kBookingDays; ++d) {
        const auto day = date_after(ctx.state.today, d);
        if (!day) break;
        const std::string date = iso_date(*day);
        std::int64_t seats = 0;
        const auto slots = slots_on(ctx, date);
        for (const Slot* s : slots) seats += started(ctx, *s) ? 0 : s->seats_left;
        const std::string label = (d < 2 ? t.text(d == 0 ? "booking.today" : "booking.tomorrow") + " " : "") + format_day(t, date);
        const std::string id = "booking.day." + date;
        const std::string refusal = day_refusal(ctx, d, slots);
        if (!refusal.empty()) y += unavailable_row(ctx, id, label, t.text(refusal), y);
        else
            y += list_row(ctx, {id, label, t.format("booking.seats_left", {{"seats", std::to_string(seats)}}), "", area.x, y,
                                area.w, OpenScreen{Screen::BookSlot, std::to_string(schedule) + "/" + date}});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

void draw_book_slot_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const auto [schedule, date] = schedule_and_date(ctx.state.route.arg);
    float y = page_header(ctx, service_title(ctx, schedule) + " " + format_day(t, date));
    y += text_block(ctx, "booking.pick_time", t.text("booking.pick_time"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.5f;
    const auto slots = slots_on(ctx, date);
    y += load_notice(ctx, ctx.state.booking.slots_load, slots.empty(), "booking.day_full", y);
    for (const Slot* s : slots) {
        const std::string id = "booking.slot." + std::to_string(s->id);
        if (started(ctx, *s)) y += unavailable_row(ctx, id, time_span(ctx, *s), t.text("booking.slot_started"), y);
        else if (s->seats_left <= 0) y += unavailable_row(ctx, id, time_span(ctx, *s), t.text("booking.slot_full"), y);
        else
            y += list_row(ctx, {id, time_span(ctx, *s), t.format("booking.seats_left", {{"seats", std::to_string(s->seats_left)}}),
                                "", area.x, y, area.w, OpenScreen{Screen::BookWho, std::to_string(s->id)}});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

}  // namespace elder
