# nlohmann/json and stb are header-only Debian packages under /usr/include. Adding /usr/include to an
# emscripten build would pull in glibc headers, so both builds get a private include folder that holds
# only these two libraries.
set(ELDER_HEADER_DEPS ${CMAKE_BINARY_DIR}/header_deps)
foreach(dir nlohmann stb)
  if(NOT EXISTS /usr/include/${dir})
    message(FATAL_ERROR "/usr/include/${dir} is missing: run scripts/setup.sh (nlohmann-json3-dev, libstb-dev)")
  endif()
  file(COPY /usr/include/${dir} DESTINATION ${ELDER_HEADER_DEPS})
endforeach()
add_library(header_deps INTERFACE)
target_include_directories(header_deps SYSTEM INTERFACE ${ELDER_HEADER_DEPS})
