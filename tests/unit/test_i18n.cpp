#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>

#include "core/i18n.hpp"

using namespace elder;

namespace {

Catalogue load_asset(const std::string& lang) {
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/assets/strings/" + lang + ".json");
    REQUIRE(in);
    std::ostringstream text;
    text << in.rdbuf();
    Catalogue c;
    std::string error;
    REQUIRE(c.load(text.str(), error));
    return c;
}

}  // namespace

TEST_CASE("the zh-CN and en catalogues have the same keys") {
    const Catalogue zh = load_asset("zh-CN");
    const Catalogue en = load_asset("en");
    CHECK(zh.keys().size() > 20);
    CHECK(keys_missing_from(zh, en) == std::vector<std::string>{});
    CHECK(keys_missing_from(en, zh) == std::vector<std::string>{});
}

TEST_CASE("catalogue lookups and formatting") {
    Catalogue c;
    std::string error;
    REQUIRE(c.load(R"({"greet": "你好，{name}！{name}", "plain": "x"})", error));
    CHECK(c.text("plain") == "x");
    CHECK(c.format("greet", {{"name", "王阿姨"}}) == "你好，王阿姨！王阿姨");
    CHECK(c.text("no.such.key") == "no.such.key");
    CHECK_FALSE(c.has("no.such.key"));
}

TEST_CASE("bad catalogues give an error, not a crash") {
    Catalogue c;
    std::string error;
    CHECK_FALSE(c.load("{not json", error));
    CHECK(error.find("not valid JSON") != std::string::npos);
    CHECK_FALSE(c.load("[1, 2]", error));
    CHECK(error.find("object") != std::string::npos);
    CHECK_FALSE(c.load(R"({"a": "ok", "b": 3})", error));
    CHECK(error.find("'b'") != std::string::npos);
    CHECK(c.keys().empty());
    CHECK_FALSE(c.load("", error));
}

TEST_CASE("a value that replaces its own placeholder does not loop") {
    Catalogue c;
    std::string error;
    REQUIRE(c.load(R"({"k": "{a}-{a}"})", error));
    CHECK(c.format("k", {{"a", "{a}"}}) == "{a}-{a}");
}
