# libFuzzer targets, built with Debian's clang (the project itself builds with g++) under ASan and
# UBSan. Each source is compiled by its own command, so Ninja compiles them side by side and a
# change rebuilds only what depends on it (clang writes the header dependencies).
#   add_clang_fuzzer(NAME SOURCES a.cpp b.cpp INCLUDES dir... DEFINES X=1 LIBS -lfoo)
find_program(CLANGXX clang++-14 clang++ REQUIRED)
set(ELDER_FUZZ_FLAGS -std=c++17 -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined)

function(add_clang_fuzzer name)
  cmake_parse_arguments(F "" "" "SOURCES;INCLUDES;DEFINES;LIBS" ${ARGN})
  set(dir ${CMAKE_BINARY_DIR}/fuzz/${name}.objects)
  set(flags ${ELDER_FUZZ_FLAGS} -fsanitize=fuzzer-no-link)
  foreach(include ${F_INCLUDES})
    list(APPEND flags -I${include})
  endforeach()
  foreach(define ${F_DEFINES})
    list(APPEND flags -D${define})
  endforeach()
  set(objects)
  foreach(source ${F_SOURCES})
    file(RELATIVE_PATH relative ${CMAKE_SOURCE_DIR} ${source})
    string(REPLACE "/" "_" flat ${relative})
    set(object ${dir}/${flat}.o)
    add_custom_command(OUTPUT ${object}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
      COMMAND ${CLANGXX} ${flags} -isystem ${ELDER_HEADER_DEPS} -MD -MF ${object}.d -c ${source} -o ${object}
      DEPENDS ${source} DEPFILE ${object}.d
      COMMENT "clang (fuzzing) ${relative}" VERBATIM)
    list(APPEND objects ${object})
  endforeach()
  add_custom_command(OUTPUT ${CMAKE_BINARY_DIR}/fuzz/${name}
    COMMAND ${CLANGXX} ${ELDER_FUZZ_FLAGS} -fsanitize=fuzzer ${objects} ${F_LIBS} -o ${CMAKE_BINARY_DIR}/fuzz/${name}
    DEPENDS ${objects} COMMENT "Linking the fuzzer ${name}" VERBATIM)
  set_property(GLOBAL APPEND PROPERTY ELDER_FUZZERS ${CMAKE_BINARY_DIR}/fuzz/${name})
endfunction()
