#pragma once
// Server configuration: a JSON file (--config) and command-line flags, flags winning.
#include <string>
#include <vector>

#include "limits.hpp"

namespace elder::server {

struct Config {
    std::string host = "127.0.0.1";
    int port = 8080;
    std::string db_path = "elder-community.db";
    std::string web_root;      // kiosk site to serve at /; empty: API only
    // Where residents' phones reach this site (https://fuwu.example.org): GET /site advertises it and
    // QR codes carry it. Empty: the apps use the address they reached the server at.
    std::string public_url;
    std::string demo_dir;      // assets/demo, seeded on first start with --demo
    bool demo = false;         // seed demo content
    // GET /api/v1/dev/otp hands out any phone's code: for tests on one machine only (loopback).
    bool dev_otp = false;
    // POST /api/v1/dev/clock moves the server's clock forward: for tests of deadlines (loopback only).
    bool dev_clock = false;
    // The key a CAP feed (the weather bureau's) presents to import alerts, and nothing else; empty:
    // no feed. People sign in with staff accounts (--add-staff), not with this.
    std::string alert_feed_key;
    int staff_idle_timeout_s = 2 * 3600;  // a staff session ends after this long without a request
    int staff_session_max_s = 14 * 3600;  // and after this long in all
    bool secure_cookies = false;          // Secure staff cookies (also whenever X-Forwarded-Proto is https)
    int sos_claim_deadline_s = 60;        // an SOS nobody claimed this long is overdue
    // A household that has not confirmed a severe alert this long after it was published goes on
    // the call list (issue 18).
    int alert_call_after_s = 10 * 60;
    // --add-staff NAME --role R[,R] [--display-name TEXT]: create an account (password from
    // standard input) and exit.
    std::string add_staff, add_staff_roles, add_staff_display;
    // Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For is believed; nobody else's.
    std::vector<std::string> trusted_proxies;
    std::vector<std::string> cors_origins;
    bool log_requests = true;
    int resident_token_ttl_s = 30 * 24 * 3600;
    // A sign-in on a kiosk is someone else's screen minutes later: its token lives minutes.
    int kiosk_token_ttl_s = 15 * 60;
    int heartbeat_s = 15;  // alert stream keep-alive comment
    int event_poll_ms = 250;  // how often each replica reads other replicas' events (EventHub)
    // How long after cancelling a resident may take it back (a wrong button on the remote).
    int undo_window_s = 600;
    // The secret ID numbers are hashed with (HMAC-SHA-256). Empty: one is generated on the first
    // start and kept in the database's settings. Losing it only stops matching old hashes.
    std::string id_number_key;
    // 0 for max_connections and max_streams: fitted to the descriptor limit at start.
    HttpLimits http;
    ConnectionLimits connections{0, 100};
    StreamLimits streams{0};
};

// Reads flags (and the --config file they name). Returns false with a sentence in `error`.
bool load_config(int argc, char** argv, Config& config, std::string& error, bool& show_help);
std::string config_help();

}  // namespace elder::server
