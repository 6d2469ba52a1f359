#include "router.hpp"

#include "core/validators.hpp"

namespace elder::server {
namespace {

bool percent_decode(const std::string& in, std::string& out, bool plus_is_space) {
    out.clear();
    for (size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size() || !isxdigit(static_cast<unsigned char>(in[i + 1])) ||
                !isxdigit(static_cast<unsigned char>(in[i + 2])))
                return false;
            out.push_back(static_cast<char>(std::stoi(in.substr(i + 1, 2), nullptr, 16)));  // two hex digits: no throw
            i += 2;
        } else {
            out.push_back(plus_is_space && c == '+' ? ' ' : c);
        }
    }
    return valid_utf8(out);  // handlers may echo or store what they are given
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> parts;
    size_t start = 0;
    for (size_t pos; (pos = s.find(sep, start)) != std::string::npos; start = pos + 1)
        parts.push_back(s.substr(start, pos - start));
    parts.push_back(s.substr(start));
    return parts;
}

}  // namespace

bool parse_target(const std::string& target, std::vector<std::string>& segments,
                  std::map<std::string, std::string>& query) {
    const size_t q = target.find('?');
    segments.clear();
    for (const std::string& raw : split(target.substr(0, q), '/')) {
        if (raw.empty()) continue;
        std::string decoded;
        if (!percent_decode(raw, decoded, false)) return false;
        segments.push_back(decoded);
    }
    if (q == std::string::npos) return true;
    for (const std::string& pair : split(target.substr(q + 1), '&')) {
        if (pair.empty()) continue;
        const size_t eq = pair.find('=');
        std::string key, value;
        if (!percent_decode(pair.substr(0, eq), key, true)) return false;
        if (eq != std::string::npos && !percent_decode(pair.substr(eq + 1), value, true)) return false;
        query[key] = value;
    }
    return true;
}

void Router::add(http::verb method, const std::string& pattern, Handler handler) {
    add_deferred(method, pattern, [handler = std::move(handler)](const Call& call, const Respond& respond) {
        respond(handler(call));
    });
}

void Router::add_deferred(http::verb method, const std::string& pattern, DeferredHandler handler) {
    std::vector<std::string> segments;
    std::map<std::string, std::string> unused;
    parse_target(pattern, segments, unused);
    routes_.push_back({method, std::move(segments), std::move(handler)});
}

bool Router::match(const Route& route, const std::vector<std::string>& path,
                   std::map<std::string, std::string>& params) {
    if (route.segments.size() != path.size()) return false;
    for (size_t i = 0; i < path.size(); ++i) {
        const std::string& seg = route.segments[i];
        if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
            params[seg.substr(1, seg.size() - 2)] = path[i];
        else if (seg != path[i])
            return false;
    }
    return true;
}

void Router::route(const Request& request, const std::string& peer, const Respond& respond) const {
    std::vector<std::string> segments;
    std::map<std::string, std::string> query;
    if (!parse_target(std::string(request.target()), segments, query))
        return respond(problem(http::status::bad_request, "Malformed URL", "网址格式不对。", request));
    bool path_known = false;
    for (const Route& r : routes_) {
        std::map<std::string, std::string> params;
        if (!match(r, segments, params)) continue;
        path_known = true;
        if (r.method == request.method())
            return r.handler(Call{request, std::move(params), std::move(query), peer}, respond);
    }
    if (path_known)
        return respond(problem(http::status::method_not_allowed, "Method not allowed", "不支持这种请求方式。", request));
    respond(problem(http::status::not_found, "Not found", "没有找到您要的内容。", request));
}

}  // namespace elder::server
