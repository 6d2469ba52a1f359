#include <emscripten/emscripten.h>

#include <string>

namespace elder {
namespace {

EM_JS(void, web_mirror, (const char* json), {
    if (window.elderMirror) window.elderMirror.update(JSON.parse(UTF8ToString(json)));
});

}  // namespace

void mirror_to_platform(const std::string& json) { web_mirror(json.c_str()); }

}  // namespace elder
