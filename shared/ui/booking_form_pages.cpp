// Booking, the last steps: who is booking (typed in browsers and on the kiosk's keypad; a bound
// set-top box books for its household with no typing) and the review before 确认预约.
#include <algorithm>
#include <cstdlib>

#include "core/form.hpp"
#include "form_widgets.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

const Schedule* schedule_of(const PageContext& ctx, const Slot* slot) {
    return slot ? booking_schedule(ctx.state, slot->schedule_id) : nullptr;
}

// What a box that cannot book says: not registered, not bound yet (and how to get bound), or still asking.
float device_notice(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const DeviceAccount& d = ctx.state.device;
    std::string text;
    if (d.serial.empty()) text = t.text("device.no_serial");
    else if (d.load == Load::Loading && d.id == 0) text = t.text("device.checking");
    else if (d.id == 0) text = message_text(ctx, d.problem.empty() ? Message{"call.offline", ""} : d.problem);
    else {
        const std::string& hotline = ctx.state.data.site.value.hotline;
        text = t.format("device.unbound", {{"hotline", hotline.empty() ? t.text("device.community_phone") : hotline},
                                           {"device", std::to_string(d.id)}});
    }
    y += text_block(ctx, "device.notice", text, ImVec2(area.x, y), area.w, ctx.profile.body_px, ctx.palette.text,
                    ctx.palette.background) + ctx.profile.gap * 0.5f;
    const Rect again = button(ctx, "device.refresh", t.text("device.refresh"), ImVec2(area.x, y), RefreshDevice{}, ctx.palette.tile);
    return again.bottom() + ctx.profile.gap;
}

// Who is booking, as the review shows it: the household on a box, the resident typed in otherwise.
float who_facts(PageContext& ctx, float y) {
    const auto& t = ctx.strings;
    const Personal& p = ctx.state.personal;
    const bool box = p.token.empty();
    const auto field = [&](const char* name) {
        const auto it = p.form.fields.find(name);
        return it == p.form.fields.end() ? std::string() : it->second;
    };
    y += fact_line(ctx, "review.name", t.text("booking.name"), box ? ctx.state.device.household_name : field("name"), y);
    y += fact_line(ctx, "review.phone", t.text("booking.phone"), masked_phone(box ? ctx.state.device.household_phone : p.phone), y);
    const std::string id = field("id_number");
    if (!id.empty() && !box)
        y += fact_line(ctx, "review.id_number", t.text("booking.id_number"), id.substr(0, 6) + "********" + id.substr(14), y);
    return y;
}

// The time that filled up: struck through, dimmed and said in words (已约满), so that the summary
// no longer offers it.
float struck_time(PageContext& ctx, const std::string& time, float y) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    const std::string label = t.text("booking.time") + t.text("form.colon");
    const float h = text_block(ctx, "review.time", label + time + "  " + t.text("booking.slot_gone"), ImVec2(area.x, y), area.w, px,
                               ctx.palette.text_dim, ctx.palette.background);
    const float x0 = area.x + text_width(ctx, label, px), x1 = std::min(area.right(), x0 + text_width(ctx, time, px));
    ImGui::GetWindowDrawList()->AddLine(ImVec2(x0, y + px * 0.6f), ImVec2(x1, y + px * 0.6f), to_imcolor(ctx.palette.text_dim),
                                        std::max(2.0f, px / 12));
    return h;
}

// The other times the server offered; choosing one returns to this review with it. The first is
// where the focus starts. Returns the y below.
float other_times(PageContext& ctx, float y) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    y += text_block(ctx, "review.pick_again", t.text("booking.pick_again"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text, ctx.palette.background) + ctx.profile.gap * 0.25f;
    for (const Slot& alt : ctx.state.personal.alternatives) {
        const bool first = &alt == &ctx.state.personal.alternatives.front();
        y += list_row(ctx, {"review.alternative." + std::to_string(alt.id), ctx.time_range(alt.start, alt.end),
                            t.format("booking.seats_left", {{"seats", std::to_string(alt.seats_left)}}), "", area.x, y, area.w,
                            ChooseTime{alt.id}});
        if (first) ctx.tree.focus_last_on_entry();
        y += ctx.profile.gap * 0.5f;
    }
    return y;
}

}  // namespace

void draw_book_who_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const std::int64_t slot_id = std::atoll(ctx.state.route.arg.c_str());
    float y = page_header(ctx, t.text("booking.who"));
    if (ctx.state.personal.token.empty()) {  // a set-top box
        const DeviceAccount& d = ctx.state.device;
        if (!d.bound) return ctx.end_page(device_notice(ctx, y));
        y += fact_line(ctx, "booking.who.name", t.text("booking.name"), d.household_name, y);
        y += fact_line(ctx, "booking.who.phone", t.text("booking.phone"), masked_phone(d.household_phone), y) + ctx.profile.gap;
        const Rect next = button(ctx, "booking.next", t.text("booking.next"), ImVec2(area.x, y), SubmitWho{}, ctx.palette.tile);
        return ctx.end_page(next.bottom());
    }
    const Schedule* schedule = schedule_of(ctx, booking_slot(ctx.state, slot_id));
    // The phone is the one signed in with: shown, not typed (the server books for no other).
    y += fact_line(ctx, "booking.who.phone", t.text("booking.phone"), masked_phone(ctx.state.personal.phone), y);
    std::vector<std::pair<std::string, std::string>> fields{{"name", t.text("booking.name")}};
    if (schedule && schedule->needs_id_number) fields.push_back({"id_number", t.text("booking.id_number")});
    y = form_with_keypad(ctx, y, fields, [&](float x, float fy, float) {
        return button(ctx, "booking.next", t.text("booking.next"), ImVec2(x, fy), SubmitWho{}, ctx.palette.tile).bottom() +
               ctx.profile.gap;
    });
    ctx.end_page(y);
}

void draw_book_review_page(PageContext& ctx) {
    const auto& t = ctx.strings;
    const Rect area = ctx.content();
    const Personal& p = ctx.state.personal;
    const Slot* slot = booking_slot(ctx.state, std::atoll(ctx.state.route.arg.c_str()));
    const Schedule* schedule = schedule_of(ctx, slot);
    const bool full = !p.alternatives.empty();  // the slot filled up meanwhile: one of the other times
    float y = page_header(ctx, t.text("booking.review"));
    y += message_line(ctx, "form.notice", p.form.notice, false, area.x, y, area.w);
    if (schedule) y += fact_line(ctx, "review.service", t.text("booking.service"), schedule->service, y);
    if (slot && full) y += struck_time(ctx, ctx.time_range(slot->start, slot->end), y);
    else if (slot) y += fact_line(ctx, "review.time", t.text("booking.time"), ctx.time_range(slot->start, slot->end), y);
    if (schedule) y += fact_line(ctx, "review.place", t.text("booking.place"), schedule->place, y);
    y = who_facts(ctx, y) + ctx.profile.gap * 0.5f;
    y += message_line(ctx, "form.error", p.form.error, true, area.x, y, area.w);
    if (full) return ctx.end_page(other_times(ctx, y));
    const std::string label = t.text(p.form.busy ? "booking.sending" : "booking.confirm");
    const Rect confirm = button(ctx, "booking.confirm", label, ImVec2(area.x, y), Book{}, ctx.palette.tile);
    ctx.tree.focus_last_on_entry();  // the review opens on 确认预约, not on 返回
    ctx.end_page(confirm.bottom());
}

}  // namespace elder
