# Dear ImGui 1.92.x from the Debian source package (sid) with the project's own configuration
# (shared/ui/imconfig_elder.h), as two libraries so that the build keeps the layers apart:
#   imgui           the core (widgets, drawing, fonts): no SDL, no GL; what elder_ui links
#   imgui_backends  the SDL2 platform and OpenGL 3 renderer backends; only elder_platform links it
# GLES 2 on set-top boxes, WebGL 2 in browsers.
set(IMGUI ${ELDER_IMGUI_DIR})
add_library(imgui STATIC
  ${IMGUI}/imgui.cpp ${IMGUI}/imgui_draw.cpp ${IMGUI}/imgui_tables.cpp ${IMGUI}/imgui_widgets.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${IMGUI} ${CMAKE_SOURCE_DIR}/shared/ui)
target_compile_definitions(imgui PUBLIC IMGUI_USER_CONFIG="imconfig_elder.h")

add_library(imgui_backends STATIC ${IMGUI}/backends/imgui_impl_sdl2.cpp ${IMGUI}/backends/imgui_impl_opengl3.cpp)
target_include_directories(imgui_backends SYSTEM PUBLIC ${IMGUI}/backends)
if(EMSCRIPTEN)
  target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES3)
  # imgui_impl_sdl2.cpp uses EM_JS, whose header in emscripten 3.1.6 needs emscripten.h first.
  set_source_files_properties(${IMGUI}/backends/imgui_impl_sdl2.cpp PROPERTIES
    COMPILE_OPTIONS "-include;emscripten/emscripten.h")
else()
  target_compile_definitions(imgui_backends PUBLIC IMGUI_IMPL_OPENGL_ES2)
endif()
target_link_libraries(imgui_backends PUBLIC imgui sdl2)
