// Policies and service guides by pinyin initials: a letter grid the remote can walk (as IPTV boxes
// offer), what has been typed in large letters, and the matching titles below.
#include <algorithm>

#include "core/keyword.hpp"
#include "core/pinyin.hpp"
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

std::string upper(std::string s) {
    for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// 26 letters, then 删除 and 清空, in as many columns as fit with full-size targets. Returns its bottom.
float letter_grid(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const float gap = ctx.profile.gap * 0.5f;
    const float key_w = std::max(ctx.profile.min_target_w, ctx.profile.tile_label_px * 1.2f);
    const int cols = std::clamp(static_cast<int>((area.w + gap) / (key_w + gap)), 4, 10);
    const float w = (area.w - gap * (cols - 1)) / cols;
    const float h = std::max(ctx.profile.min_target_h, ctx.profile.tile_label_px * 1.4f);
    struct Key {
        std::string id, label;
        Action action;
    };
    std::vector<Key> keys;
    for (char c = 'A'; c <= 'Z'; ++c) keys.push_back({std::string("search.key.") + c, std::string(1, c), SearchType{c}});
    keys.push_back({"search.erase", ctx.strings.text("search.erase"), SearchErase{}});
    keys.push_back({"search.clear", ctx.strings.text("search.clear"), SearchClear{}});
    for (size_t i = 0; i < keys.size(); ++i) {
        const Rect r{area.x + (i % cols) * (w + gap), y + (i / cols) * (h + gap), w, h};
        const bool word = keys[i].label.size() > 1;
        tile(ctx, {keys[i].id, keys[i].label, "", "", r, ctx.palette.tile, keys[i].action,
                   word ? ctx.profile.body_px : ctx.profile.tile_label_px});
    }
    const int rows = static_cast<int>((keys.size() + cols - 1) / cols);
    return y + rows * (h + gap);
}

// The keyword box: what has been typed (or how to start), a text box for screen readers, and the
// place the browser's real input appears over while typing (platform/text_agent.hpp).
float keyword_box(PageContext& ctx, float y) {
    const Rect area = ctx.content();
    const float px = ctx.profile.body_px;
    y += text_block(ctx, "search.keyword_label", ctx.strings.text("search.keyword_label"), ImVec2(area.x, y), area.w, px,
                    ctx.palette.text, ctx.palette.background);
    const std::string& keyword = ctx.state.keyword;
    const Rect box{area.x, y, area.w, std::max(ctx.profile.min_target_h, px * 2.4f)};
    text_box(ctx, {"search.keyword", keyword.empty() ? ctx.strings.text(ctx.acting("search.keyword_placeholder")) : keyword, "", "", box,
                   ctx.palette.background, EditField{"keyword"}, px, Role::Textbox},
             keyword.empty());
    return box.bottom() + ctx.profile.gap;
}

// A heading (`id` is also its string key) and the rows under it; nothing when there are no rows.
float result_section(PageContext& ctx, const std::string& id, std::vector<RowSpec>& rows, float y) {
    if (rows.empty()) return y;
    const Rect area = ctx.content();
    y += text_block(ctx, id, ctx.strings.text(id), ImVec2(area.x, y), area.w, ctx.profile.heading_px, ctx.palette.accent,
                    ctx.palette.background, Role::Heading);
    for (RowSpec& row : rows) {
        row.y = y;
        y += list_row(ctx, row) + ctx.profile.gap * 0.5f;
    }
    return y;
}

}  // namespace

void draw_search_page(PageContext& ctx) {
    const Rect area = ctx.content();
    const auto& t = ctx.strings;
    const float px = ctx.profile.body_px;
    float y = page_header(ctx, t.text("search.title"));
    y += text_block(ctx, "search.hint", t.text("search.hint"), ImVec2(area.x, y), area.w, px, ctx.palette.text_muted,
                    ctx.palette.background);
    const std::string& query = ctx.state.search_query;
    const std::string typed = query.empty() ? t.text("search.query_empty") : t.format("search.query", {{"query", upper(query)}});
    y += text_block(ctx, "search.query", typed, ImVec2(area.x, y), area.w, ctx.profile.heading_px, ctx.palette.accent,
                    ctx.palette.background, Role::Heading) + px * 0.3f;
    y = letter_grid(ctx, y) + ctx.profile.gap * 0.5f;
    // Browsers have a keyboard and the system's pinyin input: words can be typed as well.
    if (ctx.profile.can.keyboard) y = keyword_box(ctx, y);

    const std::string& keyword = ctx.state.keyword;
    if (!query.empty() || !keyword.empty()) {
        // Typed words win over initials; they also look into summaries and what a guide is about.
        auto hit = [&](const std::string& title, const std::string& more) {
            return keyword.empty() ? matches_initials(title, query)
                                   : matches_keyword(title, keyword) || matches_keyword(more, keyword);
        };
        std::vector<RowSpec> policies, guides;
        for (const Policy& p : ctx.state.data.policies.value)
            if (!p.deleted && hit(p.title, p.summary))
                policies.push_back({"result.policy." + std::to_string(p.id), p.title, p.published_on, "", area.x, 0, area.w,
                                    OpenScreen{Screen::PolicyDetail, std::to_string(p.id)}});
        for (const Guide& g : ctx.state.data.guides.value)
            if (hit(g.title, g.what))
                guides.push_back({"result.guide." + std::to_string(g.id), g.title, g.theme, "", area.x, 0, area.w,
                                  OpenScreen{Screen::GuideDetail, std::to_string(g.id)}});
        const size_t count = policies.size() + guides.size();
        y += text_block(ctx, "search.result_count",
                        count == 0 ? t.text("search.none") : t.format("search.found", {{"count", std::to_string(count)}}),
                        ImVec2(area.x, y), area.w, px, ctx.palette.text, ctx.palette.background) + px * 0.3f;
        y = result_section(ctx, "search.policies", policies, y);
        y = result_section(ctx, "search.guides", guides, y);
    }
    ctx.end_page(y);
}

}  // namespace elder
