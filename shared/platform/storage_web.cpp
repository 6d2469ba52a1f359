// The browser's localStorage, under an "elder." prefix. Writing can fail (quota, private mode):
// that becomes an error, never an exception escaping into the app.
#include <emscripten/emscripten.h>

#include <cstdlib>

#include "storage.hpp"

namespace elder {
namespace {

EM_JS(int, web_storage_put, (const char* key, const char* value), {
    try {
        localStorage.setItem("elder." + UTF8ToString(key), UTF8ToString(value));
        return 1;
    } catch (e) {
        return 0;
    }
});

EM_JS(char*, web_storage_get, (const char* key), {
    let value = null;
    try {
        value = localStorage.getItem("elder." + UTF8ToString(key));
    } catch (e) {
    }
    if (value === null) return 0;
    const size = lengthBytesUTF8(value) + 1;
    const out = _malloc(size);
    stringToUTF8(value, out, size);
    return out;
});

EM_JS(void, web_storage_remove, (const char* key), {
    try {
        localStorage.removeItem("elder." + UTF8ToString(key));
    } catch (e) {
    }
});

class WebStorage : public Storage {
public:
    bool put(const std::string& key, const std::string& value, std::string& error) override {
        if (!valid_storage_key(key)) return error = "invalid storage key '" + key + "'", false;
        if (!web_storage_put(key.c_str(), value.c_str()))
            return error = "the browser refused to store " + key + " (storage full or disabled)", false;
        return true;
    }

    std::optional<std::string> get(const std::string& key) override {
        if (!valid_storage_key(key)) return std::nullopt;
        char* raw = web_storage_get(key.c_str());
        if (!raw) return std::nullopt;
        std::string value(raw);
        std::free(raw);
        return value;
    }

    void remove(const std::string& key) override {
        if (valid_storage_key(key)) web_storage_remove(key.c_str());
    }
};

}  // namespace

std::unique_ptr<Storage> make_storage(const std::string&) { return std::make_unique<WebStorage>(); }

std::string default_storage_location() { return "localStorage"; }

}  // namespace elder
