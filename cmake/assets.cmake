# Runtime assets, laid out as the apps load them: <build>/assets/{strings,keymaps,fonts}/.
file(GLOB ELDER_STRING_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/strings/*.json
  ${CMAKE_SOURCE_DIR}/assets/keymaps/*.json)
set(ELDER_STRINGS_OUT)
foreach(f ${ELDER_STRING_FILES})
  get_filename_component(name ${f} NAME)
  get_filename_component(dir ${f} DIRECTORY)
  get_filename_component(kind ${dir} NAME)
  add_custom_command(OUTPUT ${ELDER_ASSETS_OUT}/${kind}/${name}
    COMMAND ${CMAKE_COMMAND} -E copy_if_different ${f} ${ELDER_ASSETS_OUT}/${kind}/${name}
    DEPENDS ${f})
  list(APPEND ELDER_STRINGS_OUT ${ELDER_ASSETS_OUT}/${kind}/${name})
endforeach()

# The CJK font: a subset of Debian's WenQuanYi Micro Hei, made at build time (ARCHITECTURE.md says why).
set(ELDER_FONT_SOURCE /usr/share/fonts/truetype/wqy/wqy-microhei.ttc CACHE FILEPATH "CJK font the subset is cut from")
set(ELDER_FONT_OUT ${ELDER_ASSETS_OUT}/fonts/elder-cjk.ttf)
file(GLOB_RECURSE ELDER_TEXT_ASSETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/*.json)
add_custom_command(OUTPUT ${ELDER_FONT_OUT} ${ELDER_ASSETS_OUT}/fonts/elder-cjk.json
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ELDER_ASSETS_OUT}/fonts
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_font.py ${ELDER_FONT_SOURCE} ${ELDER_FONT_OUT}
          ${CMAKE_SOURCE_DIR}/assets --report ${ELDER_ASSETS_OUT}/fonts/elder-cjk.json
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_font.py ${ELDER_TEXT_ASSETS}
  COMMENT "Subsetting the CJK font")
add_custom_target(assets ALL DEPENDS ${ELDER_FONT_OUT} ${ELDER_STRINGS_OUT})
