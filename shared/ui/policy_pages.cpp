// Policies: categories -> the policies of one category (newest first, 新 on unread ones) -> one
// policy in large text, scrolled by the remote, a finger or the wheel, with text size buttons.
#include <algorithm>
#include <cstdlib>

#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

constexpr int kNewForDays = 30;  // how long a published policy counts as news
namespace {

const PolicyCategory* find_category(const PageContext& ctx, const std::string& id) {
    for (const PolicyCategory& c : ctx.state.data.categories.value)
        if (c.id == id) return &c;
    return nullptr;
}

const Policy* find_policy(const PageContext& ctx, std::int64_t id) {
    for (const Policy& p : ctx.state.data.policies.value)
        if (p.id == id) return &p;
    return nullptr;
}

std::string meta_line(const PageContext& ctx, const Policy& p) {
    return ctx.strings.format("policies.meta", {{"issuer", p.issuer}, {"date", p.published_on}});
}

}  // namespace

void draw_policy_categories_page(PageContext& ctx) {
    const Rect area = ctx.content();
    float y = page_header(ctx, ctx.strings.text("tile.policies"));
    y = button(ctx, "policies.search", ctx.strings.text("search.open"), ImVec2(area.x, y), OpenScreen{Screen::Search, ""},
               ctx.palette.tile).bottom() + ctx.profile.gap;
    const auto& categories = ctx.state.data.categories;
    y += data_notice(ctx, categories.fetch, categories.value.empty(), "policies.empty", y);

    std::vector<GridItem> items;
    for (const PolicyCategory& c : categories.value)
        items.push_back({"category." + c.id, c.name, ctx.strings.format("policies.count", {{"count", std::to_string(c.policy_count)}}),
                         OpenScreen{Screen::PolicyList, c.id}});
    ctx.end_page(tile_grid(ctx, items, y));
}

void draw_policy_list_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const std::string& category = ctx.state.route.arg;
    const PolicyCategory* c = find_category(ctx, category);
    // The page is named as the tile that led here (政策资讯), then the category.
    float y = page_header(ctx, c ? ctx.strings.format("policies.category_title", {{"name", c->name}})
                                 : ctx.strings.text("tile.policies"));
    const auto& policies = ctx.state.data.policies;
    std::vector<const Policy*> shown;
    for (const Policy& p : policies.value)
        if (p.category_id == category && !p.deleted) shown.push_back(&p);
    // Newest first, whatever order the server used.
    std::stable_sort(shown.begin(), shown.end(),
                     [](const Policy* a, const Policy* b) { return a->published_on > b->published_on; });
    y += data_notice(ctx, policies.fetch, shown.empty(), "policies.empty", y);
    for (const Policy* p : shown) {
        // 新: published in the last 30 days and not opened here yet (July's policy is not news in November).
        const auto fresh_until = date_after(p->published_on, kNewForDays);
        const bool unread = ctx.state.read_policies.count(p->id) == 0 && fresh_until && iso_date(*fresh_until) >= iso_date(ctx.now);
        y += list_row(ctx, {"policy." + std::to_string(p->id), p->title, meta_line(ctx, *p),
                            unread ? ctx.strings.text("policies.new") : "", area.x, y, area.w,
                            OpenScreen{Screen::PolicyDetail, std::to_string(p->id)}});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

void draw_policy_detail_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const std::int64_t id = std::atoll(ctx.state.route.arg.c_str());
    const auto detail = ctx.state.data.policy_details.find(id);
    const Policy* listed = find_policy(ctx, id);
    const bool has_detail = detail != ctx.state.data.policy_details.end() &&
                            detail->second.fetch.freshness != Freshness::None;
    const Policy* p = has_detail ? &detail->second.value : listed;
    float y = page_header(ctx, p ? p->title : ctx.strings.text("tile.policies"));
    // A policy is there to be read: it opens on 朗读 (OK reads it aloud, Down reads on), not on 字小一点,
    // which a first OK would shrink the text with.
    ctx.tree.focus_on_entry("page.read");

    // Text size, right here: the resident should not have to find the settings to read this.
    const int size = ctx.state.settings.text_size;
    const Rect smaller = button(ctx, "policy.text_smaller", ctx.strings.text("policies.text_smaller"), ImVec2(area.x, y),
                                SetTextSize{size - 1}, ctx.palette.tile);
    const std::string larger_label = ctx.strings.text("policies.text_larger");
    const float larger_w = text_width(ctx, larger_label, ctx.profile.body_px) + 2 * ctx.profile.body_px;
    const bool beside = smaller.right() + ctx.profile.gap + larger_w <= area.right();  // narrow phones: below
    const Rect larger = button(ctx, "policy.text_larger", larger_label,
                               beside ? ImVec2(smaller.right() + ctx.profile.gap, y) : ImVec2(area.x, smaller.bottom() + ctx.profile.gap * 0.5f),
                               SetTextSize{size + 1}, ctx.palette.tile);
    y = larger.bottom() + ctx.profile.gap;

    const float px = ctx.profile.body_px;
    if (p) {
        y += text_block(ctx, "policy.meta", meta_line(ctx, *p), ImVec2(area.x, y), area.w, px, ctx.palette.text_muted,
                        ctx.palette.background) + px * 0.5f;
    }
    const FetchState* fetch = detail != ctx.state.data.policy_details.end() ? &detail->second.fetch : nullptr;
    if (fetch && fetch->error == FetchError::NotFound) {
        y += text_block(ctx, "page.notice", ctx.strings.text("policies.withdrawn"), ImVec2(area.x, y), area.w, px,
                        ctx.palette.text, ctx.palette.background) + px;
    } else if (!has_detail) {
        const bool offline = fetch && fetch->error == FetchError::Offline;
        y += text_block(ctx, "page.notice", ctx.strings.text(offline ? "policies.body_offline" : "policies.body_loading"),
                        ImVec2(area.x, y), area.w, px, ctx.palette.text, ctx.palette.background) + px;
        if (listed) y += paragraphs(ctx, "policy.summary", listed->summary, ImVec2(area.x, y), area.w, px);
    } else {
        y += paragraphs(ctx, "policy.body", p->body, ImVec2(area.x, y), area.w, px);
        y += text_line(ctx, "policy.end", Role::Text, ctx.strings.text("policies.end"), ImVec2(area.x, y), px,
                       ctx.palette.text_muted, ctx.palette.background).y + px;
    }
    ctx.end_page(y);
}

}  // namespace elder
