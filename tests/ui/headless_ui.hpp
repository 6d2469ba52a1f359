#pragma once
// Draws the shared UI without a window or GPU: an ImGui context whose "renderer" accepts textures
// and drops draw data. Tests drive the App with synthetic input and read the semantics tree.
#include "platform/fonts.hpp"
#include "ui/app.hpp"

namespace elder::test {

class HeadlessUi {
public:
    // `device`: a set-top box's serial (it registers itself), "" for none.
    HeadlessUi(Surface surface, float width, float height, const char* language = "zh-CN", const char* device = "");
    ~HeadlessUi();
    HeadlessUi(const HeadlessUi&) = delete;
    HeadlessUi& operator=(const HeadlessUi&) = delete;

    void frame();                            // one frame at a fixed date and time
    void key(RemoteKey key) { app.on_key(key); frame(); frame(); }
    void tap(float x, float y);              // a touch: press and release at (x, y)
    // A finger pressed at (x0, y0), moved to (x1, y1) over `steps` frames, then lifted.
    void drag(float x0, float y0, float x1, float y1, int steps);
    void wheel(float lines);                 // mouse wheel; negative scrolls down

    App app;
    FontSet fonts;  // the base font, and the tiers read from disk as the TV does

private:
    ImGuiContext* context_ = nullptr;
};

}  // namespace elder::test
