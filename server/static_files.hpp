#pragma once
// Serves the kiosk site (index.html, kiosk.js, kiosk.wasm, assets/) with the right MIME types,
// gzip for clients that accept it, and ETag revalidation. Files are read once and kept in memory
// (the site is a few MB) until they change on disk.
#include <map>
#include <string>

#include "http_types.hpp"

namespace elder::server {

class StaticFiles {
public:
    explicit StaticFiles(std::string root) : root_(std::move(root)) {}
    Response serve(const Request& request);

private:
    struct Entry {
        std::string etag, type, raw, gzipped;
        long long mtime = 0;
    };
    const Entry* load(const std::string& relative_path);

    std::string root_;
    std::map<std::string, Entry> cache_;
};

}  // namespace elder::server
