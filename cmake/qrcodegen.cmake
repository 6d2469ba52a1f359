# QR codes: Project Nayuki's QR Code generator from the Debian source package qr-code-generator,
# unpacked by scripts/setup.sh; the same source for the TV app and WebAssembly.
if(NOT ELDER_QRCODEGEN_DIR OR NOT EXISTS ${ELDER_QRCODEGEN_DIR}/cpp/qrcodegen.cpp)
  message(FATAL_ERROR "QR code generator source not found (ELDER_QRCODEGEN_DIR='${ELDER_QRCODEGEN_DIR}'): run scripts/setup.sh")
endif()
add_library(qrcodegen STATIC ${ELDER_QRCODEGEN_DIR}/cpp/qrcodegen.cpp)
target_include_directories(qrcodegen SYSTEM PUBLIC ${ELDER_QRCODEGEN_DIR}/cpp)
