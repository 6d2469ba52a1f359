# Dear ImGui 1.92.x from the Debian source package (sid) with the project's own configuration
# (shared/ui/imconfig_elder.h), as two libraries so that the build keeps the layers apart:
#   imgui           the core (widgets, drawing, fonts): no SDL, no GL; what elder_ui links
#   imgui_backends  the SDL2 platform backend; only elder_platform links it
# The renderer is the project's own (shared/platform/gl_renderer.cpp says why): GLES 2 / GLSL ES
# 1.00 everywhere, set-top boxes being GLES2-class, and in browsers WebGL 2 or, where WebGL 2 is
# off (blocklisted GPUs, old phones), WebGL 1.
set(IMGUI ${ELDER_IMGUI_DIR})
add_library(imgui STATIC
  ${IMGUI}/imgui.cpp ${IMGUI}/imgui_draw.cpp ${IMGUI}/imgui_tables.cpp ${IMGUI}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI} ${CMAKE_SOURCE_DIR}/shared/ui)
target_compile_definitions(imgui PUBLIC IMGUI_USER_CONFIG="imconfig_elder.h")

add_library(imgui_backends STATIC ${IMGUI}/backends/imgui_impl_sdl2.cpp)
target_include_directories(imgui_backends SYSTEM PUBLIC ${IMGUI}/backends)
if(EMSCRIPTEN)
  # imgui_impl_sdl2.cpp uses EM_JS, whose header in emscripten 3.1.6 needs emscripten.h first.
  set_source_files_properties(${IMGUI}/backends/imgui_impl_sdl2.cpp PROPERTIES
    COMPILE_OPTIONS "-include;emscripten/emscripten.h")
endif()
target_link_libraries(imgui_backends PUBLIC imgui sdl2)
