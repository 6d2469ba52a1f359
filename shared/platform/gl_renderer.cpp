#include "gl_renderer.hpp"

#include <SDL_opengles2.h>

#include <cstdint>
#include <cstring>

namespace elder {
namespace {

// GLSL ES 1.00: GLES 2, WebGL 1 and WebGL 2 all run it. Every texture the app has is the font
// atlas, whose pixels are coverage: the vertex colour gives the colour, the texture the alpha
// (an image with colours of its own would need a second program).
constexpr const char* kVertexShader = R"(#version 100
uniform mat4 projection;
attribute vec2 position;
attribute vec2 uv;
attribute vec4 colour;
varying vec2 frag_uv;
varying vec4 frag_colour;
void main() {
    frag_uv = uv;
    frag_colour = colour;
    gl_Position = projection * vec4(position, 0.0, 1.0);
}
)";
constexpr const char* kFragmentShader = R"(#version 100
precision mediump float;
uniform sampler2D atlas;
varying vec2 frag_uv;
varying vec4 frag_colour;
void main() {
    gl_FragColor = vec4(frag_colour.rgb, frag_colour.a * texture2D(atlas, frag_uv).a);
}
)";

GLuint compile(GLenum type, const char* source) {
    const GLuint shader = glCreateShader(type);
    glShaderSource(shader, 1, &source, nullptr);
    glCompileShader(shader);
    return shader;
}

// The compile and link logs, read only when linking failed: each query waits for the GPU process.
std::string program_log(GLuint program, GLuint vertex, GLuint fragment) {
    std::string log;
    char text[512];
    for (const GLuint shader : {vertex, fragment}) {
        GLsizei length = 0;
        glGetShaderInfoLog(shader, sizeof text, &length, text);
        log.append(text, static_cast<std::size_t>(length));
    }
    GLsizei length = 0;
    glGetProgramInfoLog(program, sizeof text, &length, text);
    return log.append(text, static_cast<std::size_t>(length));
}

GLenum gl_format(const ImTextureData& tex) {
    return tex.Format == ImTextureFormat_Alpha8 ? GL_ALPHA : GL_RGBA;
}

}  // namespace

bool GlRenderer::init(std::string& error) {
    const GLuint vertex = compile(GL_VERTEX_SHADER, kVertexShader);
    const GLuint fragment = compile(GL_FRAGMENT_SHADER, kFragmentShader);
    program_ = glCreateProgram();
    glAttachShader(program_, vertex);
    glAttachShader(program_, fragment);
    glLinkProgram(program_);
    GLint linked = GL_FALSE;
    glGetProgramiv(program_, GL_LINK_STATUS, &linked);
    if (!linked) error = "the GL program does not link: " + program_log(program_, vertex, fragment);
    glDetachShader(program_, vertex);
    glDetachShader(program_, fragment);
    glDeleteShader(vertex);
    glDeleteShader(fragment);
    if (!linked) return false;
    projection_ = glGetUniformLocation(program_, "projection");
    sampler_ = glGetUniformLocation(program_, "atlas");
    position_ = glGetAttribLocation(program_, "position");
    uv_ = glGetAttribLocation(program_, "uv");
    colour_ = glGetAttribLocation(program_, "colour");
    glGenBuffers(1, &vertex_buffer_);
    glGenBuffers(1, &index_buffer_);

    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "elder_gles2";
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset | ImGuiBackendFlags_RendererHasTextures;
    io.Fonts->TexDesiredFormat = ImTextureFormat_Alpha8;
    return true;
}

void GlRenderer::shutdown() {
    for (ImTextureData* tex : ImGui::GetPlatformIO().Textures) {
        if (tex->TexID == ImTextureID_Invalid) continue;
        const GLuint id = static_cast<GLuint>(tex->TexID);
        glDeleteTextures(1, &id);
        tex->SetTexID(ImTextureID_Invalid);
        tex->SetStatus(ImTextureStatus_Destroyed);
    }
    glDeleteBuffers(1, &vertex_buffer_);
    glDeleteBuffers(1, &index_buffer_);
    glDeleteProgram(program_);
    program_ = vertex_buffer_ = index_buffer_ = 0;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = nullptr;
    io.BackendFlags &= ~(ImGuiBackendFlags_RendererHasVtxOffset | ImGuiBackendFlags_RendererHasTextures);
}

// ImGui grows the atlas as new sizes and characters are drawn: a new texture, then only the
// rectangles it added (rows made contiguous, as GLES 2 cannot skip the rest of a row).
void GlRenderer::update_texture(ImTextureData& tex) {
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // Alpha8 rows of any width
    if (tex.Status == ImTextureStatus_WantCreate) {
        GLuint id = 0;
        glGenTextures(1, &id);
        glBindTexture(GL_TEXTURE_2D, id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        const GLenum format = gl_format(tex);
        glTexImage2D(GL_TEXTURE_2D, 0, format, tex.Width, tex.Height, 0, format, GL_UNSIGNED_BYTE, tex.GetPixels());
        tex.SetTexID(static_cast<ImTextureID>(id));
        tex.SetStatus(ImTextureStatus_OK);
    } else if (tex.Status == ImTextureStatus_WantUpdates) {
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(tex.TexID));
        for (const ImTextureRect& r : tex.Updates) {
            const int pitch = r.w * tex.BytesPerPixel;
            rows_.resize(r.h * pitch);
            for (int y = 0; y < r.h; ++y) std::memcpy(rows_.Data + y * pitch, tex.GetPixelsAt(r.x, r.y + y), pitch);
            glTexSubImage2D(GL_TEXTURE_2D, 0, r.x, r.y, r.w, r.h, gl_format(tex), GL_UNSIGNED_BYTE, rows_.Data);
        }
        tex.SetStatus(ImTextureStatus_OK);
    } else if (tex.Status == ImTextureStatus_WantDestroy && tex.UnusedFrames > 0) {
        const GLuint id = static_cast<GLuint>(tex.TexID);
        glDeleteTextures(1, &id);
        tex.SetTexID(ImTextureID_Invalid);
        tex.SetStatus(ImTextureStatus_Destroyed);
    }
}

// Alpha blending, no culling, depth or stencil, the scissor for clipping, and a projection from
// ImGui's coordinates (origin top left) to the framebuffer's.
void GlRenderer::setup_state(const ImDrawData& data, int fb_width, int fb_height) {
    glViewport(0, 0, fb_width, fb_height);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glDisable(GL_CULL_FACE);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_SCISSOR_TEST);
    const float l = data.DisplayPos.x, r = data.DisplayPos.x + data.DisplaySize.x;
    const float t = data.DisplayPos.y, b = data.DisplayPos.y + data.DisplaySize.y;
    const float projection[16] = {
        2.f / (r - l),     0.f,               0.f,  0.f,
        0.f,               2.f / (t - b),     0.f,  0.f,
        0.f,               0.f,               -1.f, 0.f,
        (r + l) / (l - r), (t + b) / (b - t), 0.f,  1.f,
    };
    glUseProgram(program_);
    glUniform1i(sampler_, 0);
    glActiveTexture(GL_TEXTURE0);
    glUniformMatrix4fv(projection_, 1, GL_FALSE, projection);
    glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
    glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);
    glEnableVertexAttribArray(position_);
    glEnableVertexAttribArray(uv_);
    glEnableVertexAttribArray(colour_);
}

// GLES 2 has no base vertex for glDrawElements: a command's VtxOffset moves the attribute pointers.
void GlRenderer::point_attributes(std::size_t vertex_offset) const {
    const std::size_t base = vertex_offset * sizeof(ImDrawVert);
    const auto at = [base](std::size_t field) { return reinterpret_cast<const void*>(base + field); };
    glVertexAttribPointer(position_, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, pos)));
    glVertexAttribPointer(uv_, 2, GL_FLOAT, GL_FALSE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, uv)));
    glVertexAttribPointer(colour_, 4, GL_UNSIGNED_BYTE, GL_TRUE, sizeof(ImDrawVert), at(offsetof(ImDrawVert, col)));
}

void GlRenderer::render(ImDrawData& data) {
    const int fb_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
    const int fb_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
    if (fb_width <= 0 || fb_height <= 0) return;
    if (data.Textures)
        for (ImTextureData* tex : *data.Textures)
            if (tex->Status != ImTextureStatus_OK) update_texture(*tex);
    setup_state(data, fb_width, fb_height);
    const ImVec2 clip_off = data.DisplayPos, scale = data.FramebufferScale;
    constexpr GLenum kIndexType = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
    for (const ImDrawList* list : data.CmdLists) {
        glBufferData(GL_ARRAY_BUFFER, list->VtxBuffer.Size * sizeof(ImDrawVert), list->VtxBuffer.Data, GL_STREAM_DRAW);
        glBufferData(GL_ELEMENT_ARRAY_BUFFER, list->IdxBuffer.Size * sizeof(ImDrawIdx), list->IdxBuffer.Data, GL_STREAM_DRAW);
        std::size_t pointed = SIZE_MAX;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {  // the app adds none; ImGui's own reset request is honoured
                if (cmd.UserCallback == ImDrawCallback_ResetRenderState) setup_state(data, fb_width, fb_height), pointed = SIZE_MAX;
                else cmd.UserCallback(list, &cmd);
                continue;
            }
            const ImVec2 lo((cmd.ClipRect.x - clip_off.x) * scale.x, (cmd.ClipRect.y - clip_off.y) * scale.y);
            const ImVec2 hi((cmd.ClipRect.z - clip_off.x) * scale.x, (cmd.ClipRect.w - clip_off.y) * scale.y);
            if (hi.x <= lo.x || hi.y <= lo.y) continue;
            glScissor(static_cast<int>(lo.x), static_cast<int>(fb_height - hi.y), static_cast<int>(hi.x - lo.x),
                      static_cast<int>(hi.y - lo.y));
            if (cmd.VtxOffset != pointed) point_attributes(pointed = cmd.VtxOffset);
            glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(cmd.GetTexID()));
            glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(cmd.ElemCount), kIndexType,
                           reinterpret_cast<const void*>(cmd.IdxOffset * sizeof(ImDrawIdx)));
        }
    }
    glDisable(GL_SCISSOR_TEST);  // the next frame's glClear covers the whole framebuffer
}

}  // namespace elder
