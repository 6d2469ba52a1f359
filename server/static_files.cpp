#include "static_files.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "compression.hpp"
#include "header_values.hpp"
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

// A file named after its content (`kiosk.0123456789abcdef.wasm`, scripts/stamp_site.py) never
// changes: a browser may keep it a year without asking again.
bool content_named(const std::string& relative) {
    const size_t slash = relative.rfind('/');
    const std::string name = relative.substr(slash == std::string::npos ? 0 : slash + 1);
    const size_t ext = name.rfind('.');
    if (ext == std::string::npos || ext < 17 || ext + 1 == name.size()) return false;
    const size_t hash = ext - 16;
    if (hash < 2 || name[hash - 1] != '.') return false;
    for (size_t i = hash; i < ext; ++i)
        if (!((name[i] >= '0' && name[i] <= '9') || (name[i] >= 'a' && name[i] <= 'f'))) return false;
    return true;
}

bool compressible(const std::string& type) {
    return type.rfind("text/", 0) == 0 || type.rfind("application/json", 0) == 0 || type == "application/wasm" ||
           type == "font/ttf" || type == "image/svg+xml";
}

// FNV-1a over the bytes: the same file gives the same ETag after a restart or a rebuild.
std::string content_tag(const std::string& data) {
    std::uint64_t h = 14695981039346656037ull;
    for (const unsigned char c : data) h = (h ^ c) * 1099511628211ull;
    char out[17];
    std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
    return out;
}

// "-" for a file that is not there; otherwise what changes when it is written again.
std::string disk_stamp(const std::string& path, struct stat& st) {
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return "-";
    return std::to_string(st.st_ino) + ":" + std::to_string(st.st_size) + ":" + std::to_string(st.st_mtim.tv_sec) + "." +
           std::to_string(st.st_mtim.tv_nsec);
}

bool read_file(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::stringstream data;
    data << in.rdbuf();
    out = data.str();
    return true;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

// A qvalue (RFC 9110 12.4.2): 0 to 1 with up to three decimals; anything else is -1 (ignored).
double parse_q(std::string_view v) {
    if (v.empty() || v.size() > 5 || (v[0] != '0' && v[0] != '1')) return -1;
    if (v.size() == 1) return v[0] - '0';
    if (v[1] != '.') return -1;
    double q = v[0] - '0', scale = 0.1;
    for (size_t i = 2; i < v.size(); ++i, scale /= 10) {
        if (v[i] < '0' || v[i] > '9') return -1;
        q += (v[i] - '0') * scale;
    }
    return q > 1 ? -1 : q;
}

}  // namespace

StaticFiles::Coding choose_coding(bool present, std::string_view header, const bool offered[StaticFiles::kCodings]) {
    // No Accept-Encoding: the file as it is (a plain client such as curl without --compressed).
    if (!present) return offered[StaticFiles::Identity] ? StaticFiles::Identity : StaticFiles::kCodings;
    double q[StaticFiles::kCodings] = {-1, -1, -1};  // -1: not named
    double star = -1;
    while (!header.empty()) {
        const size_t comma = std::min(header.find(','), header.size());
        std::string_view item = header.substr(0, comma);
        header.remove_prefix(std::min(comma + 1, header.size()));
        const size_t semi = std::min(item.find(';'), item.size());
        const std::string coding = lower(trim_ows(item.substr(0, semi)));
        double value = 1;
        for (std::string_view params = item.substr(std::min(semi + 1, item.size())); !params.empty();) {
            const size_t next = std::min(params.find(';'), params.size());
            const std::string_view param = trim_ows(params.substr(0, next));
            params.remove_prefix(std::min(next + 1, params.size()));
            if (param.size() >= 2 && (param[0] == 'q' || param[0] == 'Q') && param[1] == '=') value = parse_q(trim_ows(param.substr(2)));
        }
        if (value < 0 || coding.empty()) continue;  // a malformed element says nothing
        if (coding == "br") q[StaticFiles::Brotli] = std::max(q[StaticFiles::Brotli], value);
        else if (coding == "gzip" || coding == "x-gzip") q[StaticFiles::Gzip] = std::max(q[StaticFiles::Gzip], value);
        else if (coding == "identity") q[StaticFiles::Identity] = std::max(q[StaticFiles::Identity], value);
        else if (coding == "*") star = std::max(star, value);
    }
    // Not named: what `*` says. Identity is acceptable unless refused by name or by `*;q=0`, but an
    // unnamed identity is the last choice (below any qvalue a client can write): "gzip;q=0.5" still
    // means gzip, not the file as it is.
    for (int c = 0; c < StaticFiles::kCodings; ++c)
        if (q[c] < 0) q[c] = star >= 0 ? star : (c == StaticFiles::Identity ? 0.0001 : 0);
    // The client's preference first; at equal preference the smallest (Brotli, gzip, the file).
    StaticFiles::Coding best = StaticFiles::kCodings;
    for (const StaticFiles::Coding c : {StaticFiles::Brotli, StaticFiles::Gzip, StaticFiles::Identity})
        if (offered[c] && q[c] > 0 && (best == StaticFiles::kCodings || q[c] > q[best])) best = c;
    return best;
}


const StaticFiles::Entry* StaticFiles::load(const std::string& relative) {
    const std::string path = root_ + "/" + relative;
    struct stat raw{}, gz{}, br{};
    const std::string raw_stamp = disk_stamp(path, raw);
    if (raw_stamp == "-") return nullptr;
    // A precompressed sibling counts only if it is not older than the file (a stale one is ignored).
    std::string gz_stamp = disk_stamp(path + ".gz", gz), br_stamp = disk_stamp(path + ".br", br);
    const auto older = [&](const struct stat& s) {
        return s.st_mtim.tv_sec < raw.st_mtim.tv_sec ||
               (s.st_mtim.tv_sec == raw.st_mtim.tv_sec && s.st_mtim.tv_nsec < raw.st_mtim.tv_nsec);
    };
    if (gz_stamp != "-" && older(gz)) gz_stamp = "-";
    if (br_stamp != "-" && older(br)) br_stamp = "-";
    const std::string stamp = raw_stamp + "|" + gz_stamp + "|" + br_stamp;
    Entry& entry = cache_[relative];
    if (entry.stamp == stamp) return &entry;
    entry = Entry{};
    Variant& identity = entry.variants[Identity];
    if (!read_file(path, identity.body)) return cache_.erase(relative), nullptr;
    entry.type = mime_type(relative);
    entry.immutable = content_named(relative);
    const std::string tag = content_tag(identity.body);
    identity.etag = "\"" + tag + "\"";
    Variant& gzipped = entry.variants[Gzip];
    if (gz_stamp != "-" && read_file(path + ".gz", gzipped.body)) gzipped.etag = "\"" + tag + "-gz\"";
    else if (identity.body.size() > 1024 && compressible(entry.type)) {  // not built with a sibling: made here
        gzipped.body = gzip(identity.body, 9);  // once per file, so the smallest
        gzipped.etag = "\"" + tag + "-gz\"";
    }
    Variant& brotli = entry.variants[Brotli];
    if (br_stamp != "-" && read_file(path + ".br", brotli.body)) brotli.etag = "\"" + tag + "-br\"";
    entry.stamp = stamp;
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

    bool offered[kCodings];
    for (int c = 0; c < kCodings; ++c) offered[c] = !entry->variants[c].etag.empty();
    const auto accept = request.find(http::field::accept_encoding);
    const Coding coding = choose_coding(accept != request.end(),
                                        accept != request.end() ? std::string_view(accept->value().data(), accept->value().size()) : std::string_view(), offered);
    if (coding == kCodings)
        return problem(http::status::not_acceptable, "Not acceptable", "没有浏览器能接受的编码。", request);
    const Variant& variant = entry->variants[coding];

    const bool not_modified = etag_matches(request, variant.etag);
    Response res{not_modified ? http::status::not_modified : http::status::ok, request.version()};
    res.set(http::field::etag, variant.etag);
    res.set(http::field::cache_control, entry->immutable ? "public, max-age=31536000, immutable" : "no-cache");
    res.set(http::field::vary, "Accept-Encoding");
    if (!not_modified) {
        res.set(http::field::content_type, entry->type);
        if (entry->type.rfind("text/html", 0) == 0)
            res.set("Content-Security-Policy", relative.rfind("staff/", 0) == 0 ? kConsolePolicy : kPagePolicy);
        if (coding != Identity) res.set(http::field::content_encoding, coding == Brotli ? "br" : "gzip");
        res.body() = variant.body;
    }
    res.keep_alive(request.keep_alive());
    res.prepare_payload();
    if (request.method() == http::verb::head) res.body().clear();
    return res;
}

}  // namespace elder::server
