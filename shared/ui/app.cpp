#include "app.hpp"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/reducer.hpp"
#include "core/spatial_nav.hpp"
#include "pages.hpp"
#include "theme.hpp"

namespace elder {
namespace {

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream buf;
    buf << in.rdbuf();
    out = buf.str();
    return true;
}

std::optional<Direction> direction_of(RemoteKey key) {
    switch (key) {
        case RemoteKey::Up: return Direction::Up;
        case RemoteKey::Down: return Direction::Down;
        case RemoteKey::Left: return Direction::Left;
        case RemoteKey::Right: return Direction::Right;
        default: return std::nullopt;
    }
}

}  // namespace

bool App::init(const AppParams& params, std::string& error) {
    params_ = params;
    const std::string strings_path = params.assets_dir + "/strings/" + params.config.language + ".json";
    std::string text;
    if (!read_file(strings_path, text)) {
        error = "cannot read the string catalogue " + strings_path;
        return false;
    }
    if (!strings_.load(text, error)) {
        error = strings_path + ": " + error;
        return false;
    }
    const std::string font_path = params.assets_dir + "/fonts/elder-cjk.ttf";
    ImFontConfig config;
    config.OversampleH = 1;  // CJK at >= 20 px needs no horizontal oversampling; halves atlas use
    // The size only matters for ImGui's own widgets: pages pass their sizes to every text call, and
    // ImGui 1.92 rasterises each size on demand.
    constexpr float kDefaultFontPx = 40;
    font_ = ImGui::GetIO().Fonts->AddFontFromFileTTF(font_path.c_str(), kDefaultFontPx, &config);
    if (!font_) {
        error = "cannot load the font " + font_path + " (" + strings_.text("error.font_missing") + ")";
        return false;
    }
    apply_imgui_style(default_palette());
    return true;
}

void App::start() { dispatch(AppStarted{}); }

void App::on_key(RemoteKey key) {
    invalidate();
    keyboard_mode_ = true;
    if (auto dir = direction_of(key)) {
        const int to = spatial_move(tree_.focusable_rects(), state_.focused(), *dir);
        if (to >= 0) {
            dispatch(FocusItem{to});
            speak_focused();
        }
    } else if (key == RemoteKey::Ok) {
        const int focused = state_.focused();
        if (focused >= 0 && focused < tree_.focusable_count()) dispatch(*tree_.focusable(focused).action);
    } else if (key == RemoteKey::Back) {
        dispatch(GoBack{});
    } else if (key == RemoteKey::Home) {
        dispatch(GoHome{});
    } else if (int digit = digit_of(key)) {
        dispatch(OpenTileNumber{digit});
    }
}

void App::on_pointer_input() {
    invalidate();
    keyboard_mode_ = false;
}

void App::dispatch(const Action& action) {
    state_ = reduce(std::move(state_), action, effects_);
    invalidate();
}

std::vector<Effect> App::take_effects() {
    std::vector<Effect> out;
    out.swap(effects_);
    return out;
}

// Read-aloud of the item that focus moved to (the remote's and the keyboard's way of "looking").
void App::speak_focused() {
    const int focused = state_.focused();
    if (params_.config.voice && focused >= 0 && focused < tree_.focusable_count())
        effects_.push_back(Speak{tree_.focusable(focused).label});
}

void App::frame(const CivilTime& now) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.DisplaySize.x != display_.x || io.DisplaySize.y != display_.y) {
        display_ = io.DisplaySize;
        profile_ = make_profile(params_.config.surface, display_.x, display_.y);
    }
    tree_.clear();
    pending_actions_.clear();

    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(display_);
    ImGui::Begin("##page", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus);
    PageContext ctx{state_, strings_, profile_, default_palette(), font_, tree_, pending_actions_,
                    profile_.focus_ring_always || keyboard_mode_, now, display_};
    if (state_.screen == Screen::Home)
        draw_home_page(ctx);
    else
        draw_coming_soon_page(ctx);
    ImGui::End();

    ++frames_drawn_;
    if (pending_frames_ > 0) --pending_frames_;
    for (const Action& action : pending_actions_) dispatch(action);
    // Focus is never lost: a focus index past the items of this page falls back to the last one.
    if (tree_.focusable_count() > 0 && state_.focused() >= tree_.focusable_count())
        dispatch(FocusItem{tree_.focusable_count() - 1});
}

nlohmann::json App::report() const {
    return nlohmann::json{
        {"screen", screen_name(state_.screen)},
        {"focus", state_.focused()},
        {"back_depth", state_.back_stack.size()},
        {"surface", surface_name(profile_.surface)},
        {"display", {display_.x, display_.y}},
        {"frames", frames_drawn_},
        {"data", describe(state_.data)},
        {"nodes", tree_.to_json()},
    };
}

}  // namespace elder
