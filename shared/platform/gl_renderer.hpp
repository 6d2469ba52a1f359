#pragma once
// Draws ImGui's triangles with GLES 2 (set-top boxes) or WebGL 1/2 (kiosk, browser), the one GLSL
// ES 1.00 program for all of them. Written for this app instead of ImGui's stock OpenGL backend:
// - the app owns every piece of GL state, so nothing is read back and restored around a frame. In
//   a browser each glGet* is a round trip to the GPU process; under a software renderer
//   (SwiftShader) the stock backend's two dozen per frame cost 100-200 ms of the first frame;
// - the font atlas is kept at one byte per pixel (Alpha8): a quarter of RGBA's memory on a box,
//   and a quarter of the bytes to upload when a new size of text is drawn.
#include <string>

#include <imgui.h>

namespace elder {

class GlRenderer {
public:
    // Compiles the program and tells ImGui what this renderer handles (textures, large meshes).
    bool init(std::string& error);
    // Uploads the textures ImGui asks for, then draws. The framebuffer is the display size times
    // its scale (a HiDPI phone).
    void render(ImDrawData& data);
    void shutdown();  // frees the textures and buffers; ImGui's context may outlive it

private:
    void update_texture(ImTextureData& tex);
    void setup_state(const ImDrawData& data, int fb_width, int fb_height);
    void point_attributes(std::size_t vertex_offset) const;

    unsigned program_ = 0;
    unsigned vertex_buffer_ = 0;
    unsigned index_buffer_ = 0;
    int projection_ = -1;
    int sampler_ = -1;
    int position_ = -1;
    int uv_ = -1;
    int colour_ = -1;
    ImVector<unsigned char> rows_;  // a rectangle's rows made contiguous (GLES 2 has no UNPACK_ROW_LENGTH)
};

}  // namespace elder
