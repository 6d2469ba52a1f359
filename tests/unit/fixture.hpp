#pragma once
// Real answers of the reference server, saved by tests/fixtures/refresh.mjs.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

namespace elder::test {

inline std::string fixture(const std::string& name) {
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/tests/fixtures/api/" + name + ".json");
    REQUIRE(in);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace elder::test
