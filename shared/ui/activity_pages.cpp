// Community activities: the list (time, place, seats left) and one activity with its description
// and a way to sign up.
#include <cstdlib>

#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

std::string seats_words(const PageContext& ctx, const Activity& a) {
    if (a.seats_left <= 0) return ctx.strings.text("activities.full");
    return ctx.strings.format("activities.seats_left", {{"seats", std::to_string(a.seats_left)}});
}

}  // namespace

void draw_activities_page(PageContext& ctx) {
    const Rect area = ctx.content();
    float y = page_header(ctx, ctx.strings.text("tile.activities"));
    const auto& activities = ctx.state.data.activities;
    y += data_notice(ctx, activities.fetch, activities.value.empty(), "activities.empty", y);
    for (const Activity& a : activities.value) {
        const std::string when = ctx.time_range(a.start, a.end);
        y += list_row(ctx, {"activity." + std::to_string(a.id), a.title,
                            ctx.strings.format("activities.when_where", {{"when", when}, {"place", a.place}}) + "  " +
                                seats_words(ctx, a),
                            "", area.x, y, area.w, OpenScreen{Screen::ActivityDetail, std::to_string(a.id)}});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

void draw_activity_detail_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const std::int64_t id = std::atoll(ctx.state.route.arg.c_str());
    const Activity* a = nullptr;
    for (const Activity& x : ctx.state.data.activities.value)
        if (x.id == id) a = &x;
    float y = page_header(ctx, a ? a->title : ctx.strings.text("tile.activities"));
    if (!a) {
        y += data_notice(ctx, ctx.state.data.activities.fetch, true, "activities.empty", y);
        ctx.end_page(y);
        return;
    }
    const float px = ctx.profile.body_px;
    const auto& t = ctx.strings;
    y += text_block(ctx, "activity.time", t.format("activities.time", {{"when", ctx.time_range(a->start, a->end)}}),
                    ImVec2(area.x, y), area.w, px, ctx.palette.text, ctx.palette.background);
    y += text_block(ctx, "activity.place", t.format("activities.place", {{"place", a->place}}), ImVec2(area.x, y), area.w,
                    px, ctx.palette.text, ctx.palette.background);
    y += text_block(ctx, "activity.seats", seats_words(ctx, *a), ImVec2(area.x, y), area.w, ctx.profile.heading_px,
                    ctx.palette.accent, ctx.palette.background, Role::Heading) + px * 0.5f;
    if (a->schedule_id && a->seats_left > 0) {
        const Rect sign_up = button(ctx, "activity.sign_up", t.text("activities.sign_up"), ImVec2(area.x, y),
                                    OpenScreen{Screen::BookSlot, std::to_string(*a->schedule_id) + "/" + a->start.substr(0, 10)}, ctx.palette.tile);
        y = sign_up.bottom() + ctx.profile.gap;
    }
    y += paragraphs(ctx, "activity.description", a->description, ImVec2(area.x, y), area.w, px);
    ctx.end_page(y);
}

}  // namespace elder
