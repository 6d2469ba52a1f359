// Benchmark baseline: what an empty SDL2 + OpenGL ES 2 window costs on this machine (time to first
// frame, peak memory), so that the TV app's own share can be told apart from the GL driver's.
// With `--redraw-seconds N` it redraws without pause for N seconds, as a loop that does not wait for
// events would, and prints how many frames that drew: the baseline for the TV app's idle frames.
// With `--textured` each frame also draws one alpha-blended quad from a 512x512 one-byte texture
// with a GLSL ES 1.00 program, as the app's renderer draws text: on a software GL (Mesa llvmpipe)
// that alone makes the driver compile shaders and keep their code, memory any app that draws pays.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <SDL.h>
#include <SDL_opengles2.h>

namespace {

GLuint shader(GLenum type, const char* source) {
    const GLuint s = glCreateShader(type);
    glShaderSource(s, 1, &source, nullptr);
    glCompileShader(s);
    return s;
}

// One textured, blended quad over the whole window, as the app's text and shapes are drawn.
void draw_textured_quad() {
    static GLuint program = 0;
    if (!program) {
        program = glCreateProgram();
        glAttachShader(program, shader(GL_VERTEX_SHADER, "#version 100\nattribute vec2 p; varying vec2 uv;\n"
                                                         "void main() { uv = p * 0.5 + 0.5; gl_Position = vec4(p, 0.0, 1.0); }"));
        glAttachShader(program, shader(GL_FRAGMENT_SHADER, "#version 100\nprecision mediump float; uniform sampler2D t; varying vec2 uv;\n"
                                                           "void main() { gl_FragColor = vec4(1.0, 1.0, 1.0, texture2D(t, uv).a); }"));
        glBindAttribLocation(program, 0, "p");
        glLinkProgram(program);
        static unsigned char pixels[512 * 512];
        for (int i = 0; i < 512 * 512; ++i) pixels[i] = static_cast<unsigned char>(i * 7);
        GLuint texture = 0;
        glGenTextures(1, &texture);
        glBindTexture(GL_TEXTURE_2D, texture);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_ALPHA, 512, 512, 0, GL_ALPHA, GL_UNSIGNED_BYTE, pixels);
    }
    static const float quad[] = {-1, -1, 1, -1, -1, 1, 1, 1};
    glUseProgram(program);
    glEnable(GL_BLEND);
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glEnable(GL_SCISSOR_TEST);
    glScissor(0, 0, 1920, 1080);
    glBindBuffer(GL_ARRAY_BUFFER, 0);
    glEnableVertexAttribArray(0);
    glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, quad);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
    glDisable(GL_SCISSOR_TEST);
}

}  // namespace

int main(int argc, char** argv) {
    bool textured = false;
    double redraw_seconds = 0;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--textured") == 0) textured = true;
        else if (std::strcmp(argv[i], "--redraw-seconds") == 0 && i + 1 < argc) redraw_seconds = std::atof(argv[++i]);
    }
    const auto start = std::chrono::steady_clock::now();
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "baseline: %s\n", SDL_GetError());
        return 2;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);  // as the app's host asks (shared/platform/host.cpp)
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);
    SDL_Window* window = SDL_CreateWindow("baseline", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1920, 1080,
                                          SDL_WINDOW_OPENGL);
    SDL_GLContext gl = window ? SDL_GL_CreateContext(window) : nullptr;
    if (!gl) {
        std::fprintf(stderr, "baseline: %s\n", SDL_GetError());
        return 2;
    }
    SDL_GL_SetSwapInterval(1);  // as the TV app's host does
    if (redraw_seconds > 0) {
        long frames = 0;
        const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(redraw_seconds);
        while (std::chrono::steady_clock::now() < until) {
            SDL_Event event;
            while (SDL_PollEvent(&event)) {
            }
            glClearColor(0.05f, 0.1f, 0.2f, 1);
            glClear(GL_COLOR_BUFFER_BIT);
            if (textured) draw_textured_quad();
            SDL_GL_SwapWindow(window);
            ++frames;
        }
        std::printf("%ld\n", frames);
    }
    for (int frame = 0; frame < 2; ++frame) {
        glClearColor(0.05f, 0.1f, 0.2f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
        if (textured) draw_textured_quad();
        SDL_GL_SwapWindow(window);
        if (frame == 0) {
            const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
            std::fprintf(stderr, "baseline: first frame after %.0f ms\n", ms);
        }
    }
    SDL_GL_DeleteContext(gl);
    SDL_DestroyWindow(window);
    SDL_Quit();
    return 0;
}
