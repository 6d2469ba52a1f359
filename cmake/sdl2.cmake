# SDL2: Debian's libsdl2-dev natively; for WebAssembly the static library that scripts/setup.sh
# built from the Debian source (emscripten's own SDL2 port would download from the internet).
add_library(sdl2 INTERFACE)
if(EMSCRIPTEN)
  if(NOT ELDER_SDL2_WASM_DIR OR NOT EXISTS ${ELDER_SDL2_WASM_DIR}/lib/libSDL2.a)
    message(FATAL_ERROR "SDL2 for WebAssembly not found (ELDER_SDL2_WASM_DIR='${ELDER_SDL2_WASM_DIR}'). Run scripts/setup.sh.")
  endif()
  target_include_directories(sdl2 SYSTEM INTERFACE ${ELDER_SDL2_WASM_DIR}/include/SDL2)
  target_link_libraries(sdl2 INTERFACE ${ELDER_SDL2_WASM_DIR}/lib/libSDL2.a)
else()
  find_package(SDL2 REQUIRED)
  find_library(GLESV2_LIBRARY GLESv2 REQUIRED)
  target_link_libraries(sdl2 INTERFACE SDL2::SDL2 ${GLESV2_LIBRARY})
endif()
