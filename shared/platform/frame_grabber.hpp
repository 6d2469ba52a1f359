#pragma once
// Keeps a copy of the last rendered frame and saves it as PNG (tests and bug reports).
#include <string>
#include <vector>

namespace elder {

class FrameGrabber {
public:
    void grab(int width, int height);  // reads the current GL framebuffer; call before the swap
    bool save_png(const std::string& path, std::string& error) const;

private:
    std::vector<unsigned char> pixels_;
    int width_ = 0, height_ = 0;
};

}  // namespace elder
