// Benchmark baseline: what an empty SDL2 + OpenGL ES 2 window costs on this machine (time to first
// frame, peak memory), so that the TV app's own share can be told apart from the GL driver's.
// With `--redraw-seconds N` it redraws without pause for N seconds, as a loop that does not wait for
// events would, and prints how many frames that drew: the baseline for the TV app's idle frames.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <SDL.h>
#include <SDL_opengles2.h>

int main(int argc, char** argv) {
    const double redraw_seconds = argc == 3 && std::strcmp(argv[1], "--redraw-seconds") == 0 ? std::atof(argv[2]) : 0;
    const auto start = std::chrono::steady_clock::now();
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        std::fprintf(stderr, "baseline: %s\n", SDL_GetError());
        return 2;
    }
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 2);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
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
            SDL_GL_SwapWindow(window);
            ++frames;
        }
        std::printf("%ld\n", frames);
    }
    for (int frame = 0; frame < 2; ++frame) {
        glClearColor(0.05f, 0.1f, 0.2f, 1);
        glClear(GL_COLOR_BUFFER_BIT);
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
