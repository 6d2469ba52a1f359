# Runtime assets, laid out as the apps load them: <build>/assets/{strings,keymaps,fonts}/.
file(GLOB ELDER_STRING_FILES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/strings/*.json
  ${CMAKE_SOURCE_DIR}/assets/keymaps/*.json)
# The glossary is the suite's rule book for the catalogues (tests/suite/glossary.mjs), not something
# an app reads: it is not shipped (nor kept by the kiosk's service worker).
list(FILTER ELDER_STRING_FILES EXCLUDE REGEX "/glossary\\.json$")
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

# The CJK fonts: a base font and tiers cut from Debian's fonts at build time (scripts/make_fonts.py
# and ARCHITECTURE.md, "Fonts"). The tiers do not depend on the project's text, so they are cut once.
set(ELDER_FONTS_OUT ${ELDER_ASSETS_OUT}/fonts)
set(ELDER_FONT_TIERS common rare last rest)
set(ELDER_FONT_TIER_FILES ${ELDER_FONTS_OUT}/tiers.json)
foreach(t ${ELDER_FONT_TIERS})
  list(APPEND ELDER_FONT_TIER_FILES ${ELDER_FONTS_OUT}/elder-cjk-${t}.ttf)
endforeach()
add_custom_command(OUTPUT ${ELDER_FONT_TIER_FILES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${ELDER_FONTS_OUT}
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_fonts.py tiers ${ELDER_FONTS_OUT}
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_fonts.py
  COMMENT "Cutting the CJK font tiers (once)")
file(GLOB_RECURSE ELDER_TEXT_ASSETS CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/assets/*.json)
set(ELDER_FONT_OUT ${ELDER_FONTS_OUT}/elder-cjk.ttf)
add_custom_command(OUTPUT ${ELDER_FONT_OUT} ${ELDER_FONTS_OUT}/index.json ${ELDER_FONTS_OUT}/elder-cjk.json
  COMMAND /usr/bin/python3 ${CMAKE_SOURCE_DIR}/scripts/make_fonts.py base ${ELDER_FONTS_OUT} ${CMAKE_SOURCE_DIR}/assets
  DEPENDS ${CMAKE_SOURCE_DIR}/scripts/make_fonts.py ${ELDER_TEXT_ASSETS} ${ELDER_FONT_TIER_FILES}
  COMMENT "Cutting the base CJK font")
add_custom_target(assets ALL DEPENDS ${ELDER_FONT_OUT} ${ELDER_FONT_TIER_FILES} ${ELDER_STRINGS_OUT})
