// Keymaps are data: the shipped files parse, and broken ones are refused with a sentence.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/remote_keys.hpp"

using namespace elder;

namespace {

std::string asset(const std::string& name) {
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/assets/keymaps/" + name);
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

TEST_CASE("the shipped keymaps parse and cover arrows, OK, Back, Home and the number keys") {
    for (const char* name : {"default.json", "stb-android.json"}) {
        INFO(name);
        std::map<std::string, RemoteKey> keys;
        std::string error;
        REQUIRE(parse_keymap(asset(name), keys, error));
        CHECK(keys.at("Up") == RemoteKey::Up);
        CHECK(keys.at("Return") == RemoteKey::Ok);
        CHECK(keys.at("AC Back") == RemoteKey::Back);
        CHECK(keys.at("5") == RemoteKey::Digit5);
        bool home = false;
        for (const auto& entry : keys) home = home || entry.second == RemoteKey::Home;
        CHECK(home);
    }
}

TEST_CASE("a broken keymap is refused, naming what is wrong") {
    std::map<std::string, RemoteKey> keys{{"x", RemoteKey::Ok}};
    std::string error;
    CHECK_FALSE(parse_keymap("not json", keys, error));
    CHECK(error == "the keymap is not a JSON object");
    CHECK_FALSE(parse_keymap(R"({"keys": {"Up": "jump"}})", keys, error));
    CHECK(error.find("jump") != std::string::npos);
    CHECK_FALSE(parse_keymap(R"({"keys": {"Up": 1}})", keys, error));
    CHECK(error.find("\"Up\"") != std::string::npos);
    CHECK_FALSE(parse_keymap(R"({"keys": {"Up": "up", "Down": "down"}})", keys, error));
    CHECK(error.find("leaves out") != std::string::npos);
    CHECK(keys.size() == 1);  // untouched on failure
}
