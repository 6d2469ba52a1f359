// Settings: text size, high contrast, language, read-aloud; kept on this device.
#include <algorithm>

#include "pages.hpp"
#include "widgets.hpp"

namespace elder {
namespace {

struct Choice {
    std::string id, label;
    bool current;
    Action action;
};

// The current choice: its words underlined in the text colour, under the √ its label starts with. Not
// a lighter fill: on a TV a second lit tile reads as a second focus while the yellow ring is elsewhere.
void underline(PageContext& ctx, const Rect& r, const std::string& text) {
    const float px = ctx.profile.body_px, w = text_width(ctx, text, px);
    const float y = r.center_y() + px * 0.62f, t = std::max(3.0f, px / 12);
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(r.center_x() - w / 2, y), ImVec2(r.center_x() + w / 2, y + t),
                                              to_imcolor(ctx.palette.text));
}

// A labelled row of choices; the current one is marked with a tick, words and an underline, not
// colour alone.
float choice_row(PageContext& ctx, const std::string& id, const std::string& label, const std::vector<Choice>& choices,
                 float y) {
    const Rect area = ctx.content();
    y += text_block(ctx, id + ".label", label, ImVec2(area.x, y), area.w, ctx.profile.heading_px, ctx.palette.text,
                    ctx.palette.background, Role::Heading);
    float x = area.x, row_h = 0;
    for (const Choice& c : choices) {
        const std::string text = c.current ? ctx.strings.format("settings.current", {{"choice", c.label}}) : c.label;
        const float w = button_width(ctx, text);
        if (x > area.x && x + w > area.right()) {  // wrap on narrow screens
            x = area.x;
            y += row_h + ctx.profile.gap * 0.5f;
        }
        const Rect r = button(ctx, c.id, text, ImVec2(x, y), c.action, ctx.palette.tile);
        if (c.current) underline(ctx, r, text);
        x = r.right() + ctx.profile.gap * 0.5f;
        row_h = r.h;
    }
    return y + row_h + ctx.profile.gap;
}

}  // namespace

void draw_settings_page(PageContext& ctx) {
    const Settings& s = ctx.state.settings;
    const auto& t = ctx.strings;
    float y = page_header(ctx, t.text("tile.settings"));
    std::vector<Choice> sizes;
    for (int i = 0; i < kTextSizes; ++i)
        sizes.push_back({"settings.size." + std::to_string(i), t.text("settings.size." + std::to_string(i)),
                         s.text_size == i, SetTextSize{i}});
    y = choice_row(ctx, "settings.text_size", t.text("settings.text_size"), sizes, y);
    y = choice_row(ctx, "settings.contrast", t.text("settings.contrast"),
                   {{"settings.contrast.on", t.text("settings.on"), s.high_contrast, SetHighContrast{true}},
                    {"settings.contrast.off", t.text("settings.off"), !s.high_contrast, SetHighContrast{false}}},
                   y);
    y = choice_row(ctx, "settings.language", t.text("settings.language"),
                   {{"settings.language.zh", "中文", s.language == "zh-CN", SetLanguage{"zh-CN"}},
                    {"settings.language.en", "English", s.language == "en", SetLanguage{"en"}}},
                   y);
    y = choice_row(ctx, "settings.voice", t.text("settings.voice"),
                   {{"settings.voice.on", t.text("settings.on"), s.voice, SetVoice{true}},
                    {"settings.voice.off", t.text("settings.off"), !s.voice, SetVoice{false}}},
                   y);
    std::vector<Choice> rates, volumes;
    for (int i = 0; i < 3; ++i) {
        rates.push_back({"settings.rate." + std::to_string(i), t.text("settings.rate." + std::to_string(i)), s.speech_rate == i,
                         SetSpeechRate{i}});
        volumes.push_back({"settings.volume." + std::to_string(i), t.text("settings.volume." + std::to_string(i)),
                           s.speech_volume == i, SetSpeechVolume{i}});
    }
    y = choice_row(ctx, "settings.rate", t.text("settings.rate"), rates, y);
    y = choice_row(ctx, "settings.volume", t.text("settings.volume"), volumes, y);
    y = choice_row(ctx, "settings.chime", t.text("settings.chime"),
                   {{"settings.chime.on", t.text("settings.on"), s.chime, SetChime{true}},
                    {"settings.chime.off", t.text("settings.off"), !s.chime, SetChime{false}}},
                   y);
    const Rect area = ctx.content();
    y += text_block(ctx, "settings.hint", t.text("settings.saved_hint"), ImVec2(area.x, y), area.w, ctx.profile.body_px,
                    ctx.palette.text_muted, ctx.palette.background);
    ctx.end_page(y);
}

}  // namespace elder
