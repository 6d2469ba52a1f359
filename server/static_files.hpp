#pragma once
// Serves the kiosk site (index.html, the app's files, assets/) and the staff console with the right
// MIME types, content negotiation and caching (ARCHITECTURE.md, "Web shell: caching"):
// - a file named `name.<16 hex digits>.ext` (scripts/stamp_site.py names the app's files after their
//   content) never changes: `Cache-Control: public, max-age=31536000, immutable`; every other name
//   (index.html, sw.js, config.json, assets/fonts/index.json, the staff console) is `no-cache`;
// - a client that accepts Brotli gets the `.br` written beside the file at build time, else one that
//   accepts gzip the `.gz` (or, without one, gzip made here at load), else the file itself; q-values
//   are honoured (`br;q=0` refuses Brotli), and when not even `identity` is acceptable the answer is 406;
// - every encoding has its own ETag, and If-None-Match gives 304.
// Files are read once and kept in memory (the site is a few MB) until they change on disk.
#include <map>
#include <string>
#include <string_view>

#include "http_types.hpp"

namespace elder::server {

class StaticFiles {
public:
    explicit StaticFiles(std::string root) : root_(std::move(root)) {}
    Response serve(const Request& request);

    enum Coding { Identity, Gzip, Brotli, kCodings };

private:
    struct Variant {
        std::string body, etag;  // empty etag: this encoding is not offered
    };
    struct Entry {
        std::string type;
        bool immutable = false;
        Variant variants[kCodings];
        std::string stamp;  // what the file and its siblings looked like on disk when read
    };
    const Entry* load(const std::string& relative_path);

    std::string root_;
    std::map<std::string, Entry> cache_;
};

// The encoding to send among those `offered`, given the request's Accept-Encoding (`present`: whether
// the request has one), or kCodings when nothing offered is acceptable.
StaticFiles::Coding choose_coding(bool present, std::string_view accept_encoding, const bool offered[StaticFiles::kCodings]);

}  // namespace elder::server
