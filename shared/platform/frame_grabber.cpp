#include "frame_grabber.hpp"

#include <SDL_opengles2.h>

#define STB_IMAGE_WRITE_IMPLEMENTATION
#include <stb/stb_image_write.h>

namespace elder {

void FrameGrabber::grab(int width, int height) {
    width_ = width;
    height_ = height;
    pixels_.resize(static_cast<size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels_.data());
}

bool FrameGrabber::save_png(const std::string& path, std::string& error) const {
    if (pixels_.empty()) {
        error = "no frame was drawn, so there is nothing to save";
        return false;
    }
    stbi_flip_vertically_on_write(1);  // GL rows run bottom-up
    if (!stbi_write_png(path.c_str(), width_, height_, 4, pixels_.data(), width_ * 4)) {
        error = "cannot write " + path;
        return false;
    }
    return true;
}

}  // namespace elder
