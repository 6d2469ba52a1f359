// The browser fetches a font tier from the server the first time a character on screen needs it.
#include <emscripten/fetch.h>

#include <cstring>

#include "font_files.hpp"

namespace elder {
namespace {

using Done = std::function<void(std::optional<std::string>)>;

void finished(emscripten_fetch_t* fetch) {
    auto* done = static_cast<Done*>(fetch->userData);
    if (fetch->status == 200) (*done)(std::string(fetch->data, fetch->numBytes));
    else (*done)(std::nullopt);
    delete done;
    emscripten_fetch_close(fetch);
}

}  // namespace

// The shell copies only the base font into the in-memory file system; the tiers stay on the server,
// beside the page (assets/fonts/ relative to it), whatever the app's assets folder is called.
FontFileLoader make_font_file_loader(const std::string&) {
    return [](const std::string& name, Done done) {
        emscripten_fetch_attr_t attr;
        emscripten_fetch_attr_init(&attr);
        std::strcpy(attr.requestMethod, "GET");
        attr.attributes = EMSCRIPTEN_FETCH_LOAD_TO_MEMORY;
        attr.timeoutMSecs = 60000;  // the largest tier is 2 MB on a slow line
        attr.userData = new Done(std::move(done));
        attr.onsuccess = finished;
        attr.onerror = finished;
        emscripten_fetch(&attr, ("assets/fonts/" + name).c_str());
    };
}

}  // namespace elder
