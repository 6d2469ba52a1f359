// libFuzzer target: bytes as they arrive on a connection, through the server's own HTTP rules
// (limits, framing and target checks) and every route of the reference server, over SQLite in
// memory with the demo content. No input may crash, leak, hit undefined behaviour, or make a
// handler throw (which the server would answer with a 500). Built with ASan and UBSan.
// "@RESIDENT@", "@DEVICE@" and "@STAFF@" in an input become live tokens, so that mutations reach
// the handlers behind sign-in.
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <sstream>
#include <string>

#include <boost/asio/buffer.hpp>
#include <boost/asio/io_context.hpp>

#include "capacity.hpp"
#include "http_rules.hpp"
#include "log.hpp"
#include "service.hpp"

using namespace elder::server;
namespace net = boost::asio;

namespace {

struct World {
    Config config;
    net::io_context io;
    std::unique_ptr<Service> service;
    std::string resident, device;
    const std::string staff = "fuzz-staff-token-5b7c1e9a04d3f268";
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
    c.db_path = ":memory:";
    c.demo = true;
    c.dev_otp = true;
    c.demo_dir = ELDER_DEMO_DIR;
    c.staff_token = world->staff;
    c.log_requests = false;
    fit_to_descriptors(c, 1024);
    world->service = std::make_unique<Service>(c, world->io);
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
    replace_all(in, "@STAFF@", world->staff);
    HttpLimits limits;
    limits.max_body_bytes = 64 * 1024;  // smaller than the server's, so the fuzzer also meets the limit
    size_t offset = 0;
    for (int i = 0; i < 8 && serve_one(in, offset, limits); ++i) {}
    return 0;
}
