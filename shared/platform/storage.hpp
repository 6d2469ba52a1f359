#pragma once
// Small persistent key -> text storage (settings, the offline cache). One implementation per
// platform: storage_native.cpp (files, atomic writes), storage_web.cpp (the browser's localStorage).
#include <memory>
#include <optional>
#include <string>

namespace elder {

class Storage {
public:
    virtual ~Storage() = default;
    // Replaces the value of `key` completely or not at all. On failure (disk full, quota, read-only)
    // returns false with a sentence in `error` and the old value stays.
    virtual bool put(const std::string& key, const std::string& value, std::string& error) = 0;
    virtual std::optional<std::string> get(const std::string& key) = 0;
    virtual void remove(const std::string& key) = 0;
};

// Keys are 1-64 characters of a-z, 0-9, '.', '_' and '-' (they become file names).
bool valid_storage_key(const std::string& key);

// `location`: natively the folder for the files (created if missing); ignored on the web.
std::unique_ptr<Storage> make_storage(const std::string& location);

// The default folder natively: $XDG_DATA_HOME/elder-community or ~/.local/share/elder-community.
std::string default_storage_location();

}  // namespace elder
