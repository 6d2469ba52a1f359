// libFuzzer target: bytes as they arrive on a connection, through the server's own HTTP rules
// (limits, framing and target checks) and every route of the reference server, over SQLite in
// memory with the demo content. No input may crash, leak, hit undefined behaviour, or make a
// handler throw (which the server would answer with a 500). Built with ASan and UBSan.
// "@RESIDENT@", "@DEVICE@" and "@STAFF@" in an input become live tokens, so that mutations reach
// the handlers behind sign-in. "@STAFF@" is the bearer session of a staff account with every role,
// made in the service's database by a second connection to it (an in-memory database that both
// connections share): inputs may sign it out, disable it or change its roles, as a real admin may,
// and before the next input that needs it the account is put back and signed in again.
#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>

#include "capacity.hpp"
#include "crypto.hpp"
#include "database.hpp"
#include "http_rules.hpp"
#include "log.hpp"
#include "passwords.hpp"
#include "service.hpp"
#include "staff.hpp"
#include "staff_auth.hpp"

using namespace elder::server;
namespace net = boost::asio;

namespace {

struct World {
    Config config;
    net::io_context io;
    std::unique_ptr<Service> service;
    // The fuzzer's own connection to the service's database, and the staff account made in it.
    std::unique_ptr<Database> db;
    std::unique_ptr<StaffAuth> staff_auth;
    std::int64_t staff_id = 0;
    std::string resident, device, staff, staff_hash;
};

World* world = nullptr;

// Each address sends 16 inputs: enough to reach the wait for wrong staff tokens (429), few enough
// that the staff endpoints stay open to the inputs after it.
std::string next_peer() {
    static std::uint32_t n = 0;
    const std::uint32_t a = (n++ / 16) & 0xFFFFFF;
    return "10." + std::to_string(a >> 16) + "." + std::to_string((a >> 8) & 0xFF) + "." + std::to_string(a & 0xFF);
}

// The answer, waiting on the event loop for one that is computed off the I/O thread.
Response must_handle(const Request& request) {
    std::optional<Response> answer;
    try {
        world->service->handle(request, next_peer(), [&answer](Response r) { answer = std::move(r); });
        world->io.restart();
        while (!answer) world->io.run_one();
    } catch (const std::exception& e) {
        std::fprintf(stderr, "handler threw (the server would answer 500): %s\n", e.what());
        std::abort();
    }
    if (answer->result() == http::status::internal_server_error) {
        std::fprintf(stderr, "a 500 answer: %s\n", answer->body().c_str());
        std::abort();
    }
    return std::move(*answer);
}

Response call(const std::string& method, const std::string& target, const std::string& body,
              const std::string& token = "") {
    Request r{http::string_to_verb(method), target, 11};
    if (!body.empty()) r.set(http::field::content_type, "application/json");
    if (!token.empty()) r.set(http::field::authorization, "Bearer " + token);
    r.body() = body;
    r.prepare_payload();
    return must_handle(r);
}

std::string token_of(const Response& res) {
    const auto j = nlohmann::json::parse(res.body(), nullptr, false);
    if (!j.is_object() || !j.contains("token")) {
        std::fprintf(stderr, "fuzz setup: no token in %s\n", res.body().c_str());
        std::abort();
    }
    return j["token"];
}

// Signs the fuzzer's staff account in: a bearer session, as `POST /api/v1/staff/sessions` with
// "kind": "bearer" gives one (without the password check, which costs a tenth of a second).
void open_staff_session() {
    std::string csrf;
    std::int64_t expires_at = 0;
    world->staff = world->staff_auth->open_session(world->staff_id, false, csrf, expires_at);
    world->staff_hash = sha256_hex(world->staff);
}

// Puts the account back as it was made (active, unlocked, every role) and signs it in again when an
// input signed it out, disabled it or changed its roles.
void keep_staff_signed_in() {
    const auto member = find_staff(*world->db, world->staff_id);
    if (member && member->active && member->roles == kAllRoles && world->staff_auth->session_alive(world->staff_hash)) return;
    world->db->prepare("UPDATE staff SET active = 1, roles = ?, failed_logins = 0, locked_until = 0 WHERE id = ?")
        .bind(1, roles_text(kAllRoles)).bind(2, world->staff_id).run();
    open_staff_session();
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (size_t pos = 0; (pos = s.find(from, pos)) != std::string::npos; pos += to.size()) s.replace(pos, from.size(), to);
}

// Parses one request from `in` at `offset` as the connection would; false when the bytes end or
// the connection would be closed.
bool serve_one(const std::string& in, size_t& offset, const HttpLimits& limits) {
    RequestParser parser;
    apply_limits(parser, limits);
    parser.eager(true);
    boost::beast::error_code ec;
    while (!parser.is_done()) {
        const size_t used = parser.put(net::buffer(in.data() + offset, in.size() - offset), ec);
        offset += used;
        // Beast asks for more only when the bytes it was given are not enough; all the bytes were
        // given, so the client has stopped sending (calling put() again with the same bytes
        // breaks Beast's own preconditions).
        if (ec == http::error::need_more || (!ec && used == 0)) {
            if (!parser.got_some()) return false;  // nothing more: the connection is idle
            parser.put_eof(ec);
            if (!ec && !parser.is_done()) return false;
        }
        if (ec) {
            std::ostringstream out;
            out << unreadable_request(ec, limits);
            return false;
        }
    }
    if (!parser.is_done()) return false;
    const Request request = parser.release();
    std::ostringstream out;
    if (auto refused = refused_request(request)) {
        out << *refused;
        return false;
    }
    if (request.target().starts_with("/api/v1/alerts/stream")) {
        (void)resume_point(request);  // the stream's own input; the rest of it needs a socket
        return false;
    }
    const Response response = must_handle(request);
    out << response;
    return response.keep_alive() && offset < in.size();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    set_log_enabled(false);  // millions of requests: the log would cost more than the server
    world = new World;
    Config& c = world->config;
    // In memory, like ":memory:", but under a name that a second connection can open too (SQLite's
    // memdb VFS). Debian's SQLite reads URIs as file names anyway; this says so for any build.
    sqlite3_config(SQLITE_CONFIG_URI, 1);
    c.db_path = "file:/elder-fuzz-http?vfs=memdb";
    c.demo = true;
    c.dev_otp = true;
    c.demo_dir = ELDER_DEMO_DIR;
    c.log_requests = false;
    fit_to_descriptors(c, 1024);
    world->service = std::make_unique<Service>(c, world->io);  // creates and migrates the database
    // A staff account with every role, as `elder-server --add-staff fuzzer --role ...` makes one
    // (the password is hashed once, here), signed in for the API.
    world->db = open_database(c.db_path);
    world->staff_auth = std::make_unique<StaffAuth>(*world->db, StaffSettings{}, "");
    StaffMember member;
    member.name = "fuzzer";
    member.display_name = "模糊测试";
    member.roles = kAllRoles;
    if (!insert_staff(*world->db, member, hash_password("fuzz-staff-password-0123"), world->staff_id)) {
        std::fprintf(stderr, "fuzz setup: the staff account exists already\n");
        std::abort();
    }
    open_staff_session();
    call("POST", "/api/v1/auth/otp", R"({"phone":"13800000001"})");
    const auto code = nlohmann::json::parse(call("GET", "/api/v1/dev/otp?phone=13800000001", "").body());
    world->resident = token_of(call("POST", "/api/v1/auth/token",
                                    R"({"phone":"13800000001","code":")" + code["code"].get<std::string>() + "\"}"));
    world->device = token_of(call("POST", "/api/v1/devices", R"({"kind":"stb","serial":"FUZZ-BOX-1"})", world->staff));
    call("PUT", "/api/v1/staff/devices/1/household", R"({"household_name":"3 号楼 201","phone":"13800000009"})",
         world->staff);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string in(reinterpret_cast<const char*>(data), size);
    replace_all(in, "@RESIDENT@", world->resident);
    replace_all(in, "@DEVICE@", world->device);
    if (in.find("@STAFF@") != std::string::npos) {
        keep_staff_signed_in();
        replace_all(in, "@STAFF@", world->staff);
    }
    HttpLimits limits;
    limits.max_body_bytes = 64 * 1024;  // smaller than the server's, so the fuzzer also meets the limit
    size_t offset = 0;
    for (int i = 0; i < 8 && serve_one(in, offset, limits); ++i) {}
    return 0;
}
