// The browser fetches a font tier from the server the first time a character on screen needs it.
#include "core/font_index.hpp"
#include "font_files.hpp"
#include "web_fetch.hpp"

namespace elder {

// The shell copies only the base font into the in-memory file system; the tiers stay on the server,
// beside the page (assets/fonts/ relative to it), whatever the app's assets folder is called.
FontFileLoader make_font_file_loader(const std::string&) {
    return [](const std::string& name, std::function<void(std::optional<std::string>)> done) {
        WebFetchRequest request;
        request.url = "assets/fonts/" + name;
        request.timeout_ms = 60000;  // the largest tier is 2 MB on a slow line
        request.max_bytes = kMaxFontFileBytes;
        web_fetch(request, [done = std::move(done)](WebFetchResult result) {
            if (result.status == 200) done(std::move(result.body));
            else done(std::nullopt);
        });
    };
}

}  // namespace elder
