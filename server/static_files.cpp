#include "static_files.hpp"

#include <sys/stat.h>
#include <zlib.h>

#include <fstream>
#include <sstream>
#include <vector>

#include "router.hpp"

namespace elder::server {
namespace {

std::string mime_type(const std::string& path) {
    static const std::map<std::string, std::string> types{
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},   {".json", "application/json; charset=utf-8"},
        {".wasm", "application/wasm"},         {".ttf", "font/ttf"},
        {".png", "image/png"},                 {".svg", "image/svg+xml"}};
    const size_t dot = path.rfind('.');
    const auto it = dot == std::string::npos ? types.end() : types.find(path.substr(dot));
    return it == types.end() ? "application/octet-stream" : it->second;
}

std::string gzip(const std::string& data) {
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: gzip wrapper
    std::string out(deflateBound(&z, data.size()), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

// The kiosk page runs only its own scripts and WebAssembly: an injected script or a page framing
// it to catch taps has nowhere to come from. The API may be on another origin (`server=`).
constexpr const char* kPagePolicy =
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self' http: https:; media-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'none'";

// The staff console talks to its own server only, and submits its forms to it.
constexpr const char* kConsolePolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "media-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

bool accepts_gzip(const Request& request) {
    const auto it = request.find(http::field::accept_encoding);
    return it != request.end() && std::string(it->value()).find("gzip") != std::string::npos;
}

}  // namespace

const StaticFiles::Entry* StaticFiles::load(const std::string& relative) {
    const std::string path = root_ + "/" + relative;
    struct stat st{};
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
    Entry& entry = cache_[relative];
    if (entry.mtime == st.st_mtime && !entry.etag.empty()) return &entry;
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::stringstream data;
    data << in.rdbuf();
    entry.raw = data.str();
    entry.gzipped = entry.raw.size() > 1024 ? gzip(entry.raw) : std::string();
    entry.type = mime_type(relative);
    entry.mtime = st.st_mtime;
    entry.etag = "\"" + std::to_string(st.st_mtime) + "-" + std::to_string(entry.raw.size()) + "\"";
    return &entry;
}

Response StaticFiles::serve(const Request& request) {
    std::vector<std::string> segments;
    std::map<std::string, std::string> query;
    if (!parse_target(std::string(request.target()), segments, query))
        return problem(http::status::bad_request, "Malformed URL", "网址格式不对。", request);
    std::string relative;
    for (const std::string& s : segments) {
        if (s == ".." || s == "." || s.find('/') != std::string::npos || s.find('\0') != std::string::npos)
            return problem(http::status::not_found, "Not found", "没有找到您要的页面。", request);
        relative += (relative.empty() ? "" : "/") + s;
    }
    if (relative.empty()) relative = "index.html";
    struct stat st{};
    if (!root_.empty() && stat((root_ + "/" + relative).c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        const std::string target(request.target());
        const size_t query_at = std::min(target.find('?'), target.size());
        if (target[query_at - 1] != '/') {  // /staff -> /staff/: the page's links are relative
            Response moved{http::status::moved_permanently, request.version()};
            moved.set(http::field::location, target.substr(0, query_at) + "/" + target.substr(query_at));
            moved.prepare_payload();
            return moved;
        }
        relative += "/index.html";
    }
    const Entry* entry = root_.empty() ? nullptr : load(relative);
    if (!entry) return problem(http::status::not_found, "Not found", "没有找到您要的页面。", request);
    if (etag_matches(request, entry->etag)) return not_modified(entry->etag, request);

    Response res{http::status::ok, request.version()};
    res.set(http::field::content_type, entry->type);
    res.set(http::field::etag, entry->etag);
    // Names are not content-hashed yet, so browsers revalidate every time (a cheap 304).
    res.set(http::field::cache_control, "no-cache");
    res.set(http::field::vary, "Accept-Encoding");
    if (entry->type.rfind("text/html", 0) == 0)
        res.set("Content-Security-Policy", relative.rfind("staff/", 0) == 0 ? kConsolePolicy : kPagePolicy);
    if (!entry->gzipped.empty() && accepts_gzip(request)) {
        res.set(http::field::content_encoding, "gzip");
        res.body() = entry->gzipped;
    } else {
        res.body() = entry->raw;
    }
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    if (request.method() == http::verb::head) res.body().clear();
    return res;
}

}  // namespace elder::server
