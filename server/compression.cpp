#include "compression.hpp"

#include <zlib.h>

#include "static_files.hpp"

namespace elder::server {
namespace {

bool compressible_type(std::string_view type) {
    return type.rfind("application/json", 0) == 0 || type.rfind("application/problem+json", 0) == 0;
}

}  // namespace

bool accepts_gzip(const Request& request) {
    const auto it = request.find(http::field::accept_encoding);
    const bool offered[StaticFiles::kCodings] = {true, true, false};
    return it != request.end() &&
           choose_coding(true, std::string_view(it->value().data(), it->value().size()), offered) == StaticFiles::Gzip;
}

std::string gzip(std::string_view data, int level) {
    z_stream z{};
    deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);  // +16: the gzip wrapper
    std::string out(deflateBound(&z, static_cast<uLong>(data.size())), '\0');
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    deflate(&z, Z_FINISH);
    out.resize(z.total_out);
    deflateEnd(&z);
    return out;
}

void add_vary(Response& res, std::string_view token) {
    const auto it = res.find(http::field::vary);
    if (it == res.end()) return res.set(http::field::vary, std::string(token));
    std::string value(it->value());
    if (value.find(token) == std::string::npos) res.set(http::field::vary, value + ", " + std::string(token));
}

std::string gzip_etag(std::string_view etag) {
    if (etag.size() < 2 || etag.back() != '"') return std::string(etag);
    return std::string(etag.substr(0, etag.size() - 1)) + "-gz\"";
}

void compress_answer(const Request& request, Response& res) {
    const auto etag_header = res.find(http::field::etag);
    const std::string etag = etag_header == res.end() ? "" : std::string(etag_header->value());
    if (res.result() == http::status::not_modified) {  // the client keeps the form it named
        if (!etag.empty() && etag_named(request, gzip_etag(etag))) res.set(http::field::etag, gzip_etag(etag));
        add_vary(res, "Accept-Encoding");
        return;
    }
    const auto type = res.find(http::field::content_type);
    if (type == res.end() || !compressible_type(std::string_view(type->value().data(), type->value().size()))) return;
    add_vary(res, "Accept-Encoding");
    if (!accepts_gzip(request) || res.count(http::field::content_encoding) > 0) return;
    if (!worth_compressing(res.body().size()) || request.method() == http::verb::head) return;
    res.body() = gzip(res.body(), kAnswerLevel);
    res.set(http::field::content_encoding, "gzip");
    if (!etag.empty()) res.set(http::field::etag, gzip_etag(etag));
    res.prepare_payload();
}

}  // namespace elder::server
