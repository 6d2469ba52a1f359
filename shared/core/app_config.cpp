#include "app_config.hpp"

#include <cstdlib>

#include <nlohmann/json.hpp>

#include "screens.hpp"

namespace elder {
namespace {

bool set_surface(const std::string& name, AppConfig& c, std::string& error) {
    const auto s = parse_surface(name);
    if (!s) return error = "surface must be tv, kiosk or browser, not '" + name + "'", false;
    c.surface = *s;
    return true;
}

bool set_language(const std::string& lang, AppConfig& c, std::string& error) {
    if (lang != "zh-CN" && lang != "en") return error = "language must be zh-CN or en, not '" + lang + "'", false;
    c.language = lang;
    return true;
}

bool set_server(std::string url, AppConfig& c, std::string& error) {
    if (!normalise_server_url(url)) return error = "server_url must start with http:// or https:// and name a host", false;
    c.server_url = url;
    return true;
}

bool set_enrolment_code(const std::string& code, AppConfig& c, std::string& error) {
    if (code.size() > 40) return error = "enrolment_code is longer than 40 characters", false;
    c.enrolment_code = code;
    return true;
}

bool set_device(const std::string& id, AppConfig& c, std::string& error) {
    if (id.size() > 100) return error = "device_id is longer than 100 characters", false;
    c.device_id = id;
    return true;
}

// Long enough to read a page and its warning (20 s), short enough that a kiosk forgets its visitor.
bool set_idle(const std::string& v, AppConfig& c, std::string& error) {
    char* end = nullptr;
    const long s = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0' || s < 30 || s > 3600)
        return error = "the idle timeout must be 30 to 3600 seconds, not '" + v + "'", false;
    c.idle_timeout_s = static_cast<int>(s);
    return true;
}

bool set_voice(const std::string& v, AppConfig& c, std::string& error) {
    if (v == "1" || v == "on" || v == "true") c.voice = true;
    else if (v == "0" || v == "off" || v == "false") c.voice = false;
    else return error = "voice must be on or off, not '" + v + "'", false;
    return true;
}

std::string url_decode(std::string_view in) {
    std::string out;
    for (size_t i = 0; i < in.size(); ++i) {
        if (in[i] == '+') out += ' ';
        else if (in[i] == '%' && i + 2 < in.size() && isxdigit(static_cast<unsigned char>(in[i + 1])) &&
                 isxdigit(static_cast<unsigned char>(in[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(in.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else out += in[i];
    }
    return out;
}

}  // namespace

bool normalise_server_url(std::string& url) {
    const size_t scheme_end = url.find("://");
    if (scheme_end == std::string::npos) return false;
    const std::string scheme = url.substr(0, scheme_end);
    if (scheme != "http" && scheme != "https") return false;
    if (url.find_first_of("?# \t\r\n") != std::string::npos) return false;
    const size_t host = scheme_end + 3;
    while (url.size() > host && url.back() == '/') url.pop_back();
    return url.size() > host && url[host] != '/' && url[host] != ':';
}

bool apply_config_json(std::string_view text, AppConfig& c, std::string& error) {
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error = "the configuration is not a JSON object", false;
    AppConfig next = c;
    for (const auto& [key, value] : j.items()) {
        using Setter = bool (*)(std::string, AppConfig&, std::string&);
        Setter set = nullptr;
        if (key == "server_url") set = [](std::string v, AppConfig& a, std::string& e) { return set_server(v, a, e); };
        else if (key == "device_id") set = [](std::string v, AppConfig& a, std::string& e) { return set_device(v, a, e); };
        else if (key == "enrolment_code") set = [](std::string v, AppConfig& a, std::string& e) { return set_enrolment_code(v, a, e); };
        else if (key == "surface") set = [](std::string v, AppConfig& a, std::string& e) { return set_surface(v, a, e); };
        else if (key == "language") set = [](std::string v, AppConfig& a, std::string& e) { return set_language(v, a, e); };
        if (key == "voice") {
            if (!value.is_boolean()) return error = "voice must be true or false", false;
            next.voice = value.get<bool>();
            continue;
        }
        if (key == "idle_timeout_s") {
            if (!value.is_number_integer() || !set_idle(std::to_string(value.get<long long>()), next, error))
                return error = "idle_timeout_s must be 30 to 3600 seconds", false;
            continue;
        }
        if (!set) continue;  // settings of later versions
        if (!value.is_string()) return error = key + " must be text", false;
        if (!set(value.get<std::string>(), next, error)) return false;
    }
    c = next;
    return true;
}

bool apply_config_query(std::string_view query, AppConfig& c, std::string& error) {
    if (!query.empty() && query.front() == '?') query.remove_prefix(1);
    AppConfig next = c;
    while (!query.empty()) {
        const size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        const size_t eq = pair.find('=');
        const std::string key = url_decode(pair.substr(0, eq));
        const std::string value = eq == std::string_view::npos ? "" : url_decode(pair.substr(eq + 1));
        bool ok = true;
        if (key == "server") ok = set_server(value, next, error);
        else if (key == "surface") ok = set_surface(value, next, error);
        else if (key == "lang") ok = set_language(value, next, error);
        else if (key == "device") ok = set_device(value, next, error);
        else if (key == "enrolment_code") ok = set_enrolment_code(value, next, error);
        else if (key == "voice") ok = set_voice(value, next, error);
        else if (key == "idle") ok = set_idle(value, next, error);
        else if (key == "open") {
            if (!parse_route(value)) return error = "open names no page: '" + value + "'", false;
            next.open = value;
        }
        if (!ok) return false;
    }
    c = next;
    return true;
}

}  // namespace elder
