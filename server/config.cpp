#include "config.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include <boost/asio/ip/address.hpp>
#include <nlohmann/json.hpp>

#include "client_address.hpp"
#include "token_strength.hpp"

namespace elder::server {
namespace {

// Past a day an "undo" is no longer a slip of the finger; staff can book again for the resident.
constexpr int kMaxUndoWindowS = 24 * 3600;

bool read_config_file(const std::string& path, Config& c, std::string& error) {
    std::ifstream in(path);
    if (!in) return error = "cannot read config file " + path, false;
    std::stringstream text;
    text << in.rdbuf();
    const auto j = nlohmann::json::parse(text.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) return error = path + " is not a JSON object", false;
    try {
        c.host = j.value("host", c.host);
        c.port = j.value("port", c.port);
        c.db_path = j.value("db", c.db_path);
        c.web_root = j.value("web_root", c.web_root);
        c.public_url = j.value("public_url", c.public_url);
        c.demo_dir = j.value("demo_dir", c.demo_dir);
        if (j.contains("staff_token"))
            return error = path + ": staff_token is gone: people sign in with staff accounts (elder-server --add-staff NAME "
                                  "--role admin), and an alert feed uses alert_feed_key", false;
        c.alert_feed_key = j.value("alert_feed_key", c.alert_feed_key);
        c.staff_idle_timeout_s = j.value("staff_idle_timeout_s", c.staff_idle_timeout_s);
        c.staff_session_max_s = j.value("staff_session_max_s", c.staff_session_max_s);
        c.secure_cookies = j.value("secure_cookies", c.secure_cookies);
        c.sos_claim_deadline_s = j.value("sos_claim_deadline_s", c.sos_claim_deadline_s);
        c.alert_call_after_s = j.value("alert_call_after_s", c.alert_call_after_s);
        c.trusted_proxies = j.value("trusted_proxies", c.trusted_proxies);
        c.cors_origins = j.value("cors_origins", c.cors_origins);
        c.http.max_body_bytes = j.value("max_body_bytes", c.http.max_body_bytes);
        c.http.write_timeout_s = j.value("write_timeout_s", c.http.write_timeout_s);
        c.log_requests = j.value("log_requests", c.log_requests);
        c.resident_token_ttl_s = j.value("resident_token_ttl_s", c.resident_token_ttl_s);
        c.kiosk_token_ttl_s = j.value("kiosk_token_ttl_s", c.kiosk_token_ttl_s);
        c.heartbeat_s = j.value("heartbeat_s", c.heartbeat_s);
        c.event_poll_ms = j.value("event_poll_ms", c.event_poll_ms);
        c.undo_window_s = j.value("undo_window_s", c.undo_window_s);
        c.connections.max_connections = j.value("max_connections", c.connections.max_connections);
        c.connections.per_address = j.value("connections_per_address", c.connections.per_address);
        c.streams.max_streams = j.value("max_streams", c.streams.max_streams);
        c.streams.per_address = j.value("streams_per_address", c.streams.per_address);
        c.streams.per_device = j.value("streams_per_device", c.streams.per_device);
        c.id_number_key = j.value("id_number_key", c.id_number_key);
    } catch (const nlohmann::json::exception& e) {
        return error = path + ": a setting has the wrong type (" + e.what() + ")", false;
    }
    return true;
}

// A whole number in [min, max], all of `text` (strtol alone accepts "12abc").
bool parse_int(const std::string& text, long min, long max, int& out) {
    char* end = nullptr;
    const long value = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end || value < min || value > max) return false;
    out = static_cast<int>(value);
    return true;
}

// An absolute http(s) address with a host, printable ASCII only: it goes into QR codes and JSON.
bool public_url_ok(const std::string& url) {
    const size_t scheme = url.rfind("https://", 0) == 0 ? 8 : url.rfind("http://", 0) == 0 ? 7 : 0;
    if (scheme == 0 || url.size() == scheme || url.size() > 200) return false;
    for (char ch : url)
        if (ch <= ' ' || ch > '~') return false;
    return url[scheme] != '/';
}

bool is_loopback(const std::string& host) {
    boost::system::error_code ec;
    const auto address = boost::asio::ip::make_address(host, ec);
    return !ec && address.is_loopback();
}

}  // namespace

bool load_config(int argc, char** argv, Config& c, std::string& error, bool& show_help) {
    // The config file first, so that flags override it wherever they stand.
    for (int i = 1; i + 1 < argc; ++i)
        if (std::string(argv[i]) == "--config" && !read_config_file(argv[i + 1], c, error)) return false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--help" || arg == "-h") show_help = true;
        else if (arg == "--demo") c.demo = true;
        else if (arg == "--dev-otp") c.dev_otp = true;
        else if (arg == "--dev-clock") c.dev_clock = true;
        else if (arg == "--quiet") c.log_requests = false;
        else if (arg == "--config" && has_value) ++i;
        else if (arg == "--db" && has_value) c.db_path = argv[++i];
        else if (arg == "--host" && has_value) c.host = argv[++i];
        else if (arg == "--web-root" && has_value) c.web_root = argv[++i];
        else if (arg == "--public-url" && has_value) c.public_url = argv[++i];
        else if (arg == "--demo-dir" && has_value) c.demo_dir = argv[++i];
        else if (arg == "--add-staff" && has_value) c.add_staff = argv[++i];
        else if (arg == "--role" && has_value) c.add_staff_roles = argv[++i];
        else if (arg == "--display-name" && has_value) c.add_staff_display = argv[++i];
        else if (arg == "--port" && has_value) {
            const std::string v = argv[++i];
            if (!parse_int(v, 0, 65535, c.port)) return error = "--port needs 0..65535, not " + v, false;
        } else if (arg == "--undo-window-s" && has_value) {
            const std::string v = argv[++i];
            if (!parse_int(v, 0, kMaxUndoWindowS, c.undo_window_s))
                return error = "--undo-window-s needs 0.." + std::to_string(kMaxUndoWindowS) + ", not " + v, false;
        } else return error = "unknown option or missing value: " + arg, false;
    }
    if (c.undo_window_s < 0 || c.undo_window_s > kMaxUndoWindowS)  // the flag is checked above: the file's value
        return error = "undo_window_s needs 0.." + std::to_string(kMaxUndoWindowS) + " seconds", false;
    if (!c.alert_feed_key.empty())
        if (const auto weak = weak_token_reason(c.alert_feed_key))
            return error = "alert_feed_key is too weak: " + *weak + ". Make one with: openssl rand -hex 32", false;
    if (!c.add_staff.empty() && c.add_staff_roles.empty())
        return error = "--add-staff needs --role (dispatcher, caseworker, editor, approver, admin; several with commas)", false;
    if (c.staff_idle_timeout_s < 5 || c.staff_session_max_s < c.staff_idle_timeout_s || c.staff_session_max_s > 7 * 86400)
        return error = "staff_idle_timeout_s needs 5 or more, and staff_session_max_s between it and 7 days", false;
    if (c.sos_claim_deadline_s < 1 || c.sos_claim_deadline_s > 3600)
        return error = "sos_claim_deadline_s needs 1..3600 seconds", false;
    if (c.alert_call_after_s < 1 || c.alert_call_after_s > 24 * 3600)
        return error = "alert_call_after_s needs 1..86400 seconds", false;
    for (const std::string& proxy : c.trusted_proxies)
        if (!parse_network(proxy))
            return error = "trusted_proxies: '" + proxy + "' is neither an IP address nor a CIDR range (10.0.0.0/8)", false;
    while (!c.public_url.empty() && c.public_url.back() == '/') c.public_url.pop_back();
    if (!c.public_url.empty() && !public_url_ok(c.public_url))
        return error = "public_url needs an http:// or https:// address with a host and no spaces, not '" + c.public_url + "'", false;
    if (c.kiosk_token_ttl_s < 60 || c.kiosk_token_ttl_s > 3600)
        return error = "kiosk_token_ttl_s needs 60..3600 seconds (a kiosk sign-in lives minutes)", false;
    if (c.demo && c.demo_dir.empty()) return error = "--demo needs --demo-dir (the assets/demo folder)", false;
    for (const auto& [name, value] : {std::pair<const char*, int>{"max_connections", c.connections.max_connections},
                                      {"max_streams", c.streams.max_streams}})
        if (value < 0) return error = std::string(name) + " must be 0 (fit to the descriptor limit) or more", false;
    for (const auto& [name, value] : {std::pair<const char*, int>{"connections_per_address", c.connections.per_address},
                                      {"streams_per_address", c.streams.per_address},
                                      {"streams_per_device", c.streams.per_device},
                                      {"write_timeout_s", c.http.write_timeout_s}})
        if (value < 1) return error = std::string(name) + " must be 1 or more", false;
    c.streams.write_timeout_s = c.http.write_timeout_s;
    if (c.dev_otp && !is_loopback(c.host))
        return error = "--dev-otp lets anyone sign in as any phone; it only runs on a loopback address "
                       "(127.0.0.1 or ::1), not on " + c.host, false;
    if (c.dev_clock && !is_loopback(c.host))
        return error = "--dev-clock lets anyone move the server's clock; it only runs on a loopback address "
                       "(127.0.0.1 or ::1), not on " + c.host, false;
    return true;
}

std::string config_help() {
    return "Usage: elder-server [options]\n"
           "  --config FILE     JSON settings (host, port, db, web_root, public_url, demo_dir, alert_feed_key,\n"
           "                    staff_idle_timeout_s, staff_session_max_s, secure_cookies,\n"
           "                    sos_claim_deadline_s, alert_call_after_s,\n"
           "                    trusted_proxies, cors_origins, max_body_bytes, log_requests,\n"
           "                    resident_token_ttl_s, kiosk_token_ttl_s, heartbeat_s, event_poll_ms, undo_window_s,\n"
           "                    max_connections, connections_per_address, max_streams,\n"
           "                    streams_per_address, streams_per_device, write_timeout_s,\n"
           "                    id_number_key);\n"
           "                    flags override it\n"
           "  --db PATH-OR-URL  an SQLite file, or postgresql://user:password@host:5432/elder\n"
           "                    (created or migrated on start)\n"
           "  --host ADDR       address to listen on (default 127.0.0.1)\n"
           "  --port N          port (default 8080; 0 picks a free one and logs it)\n"
           "  --web-root DIR    serve the kiosk site from DIR at /\n"
           "  --public-url URL  the site's address for residents' phones (QR codes), e.g.\n"
           "                    https://fuwu.example.org; default: the address the app used\n"
           "  --demo            seed demo content on first start (needs --demo-dir)\n"
           "  --dev-otp         GET /api/v1/dev/otp tells any phone's sign-in code: for\n"
           "                    automated tests, and only on a loopback --host\n"
           "  --dev-clock       POST /api/v1/dev/clock moves the server's clock forward (deadlines\n"
           "                    in tests without a wait); only on a loopback --host\n"
           "  --demo-dir DIR    the demo content folder (assets/demo)\n"
           "  --undo-window-s S how long a cancelled appointment can be restored\n"
           "                    (default 600 = 10 minutes; 0 turns restoring off)\n"
           "  --quiet           do not log every request\n"
           "  --add-staff NAME --role ROLES [--display-name TEXT]\n"
           "                    create a staff account and exit; the password is read from\n"
           "                    standard input (never an argument); ROLES: dispatcher,\n"
           "                    caseworker, editor, approver, admin, several with commas\n";
}

}  // namespace elder::server
