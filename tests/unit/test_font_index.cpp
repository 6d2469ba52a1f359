// fonts/index.json and the font files it names: only the build's files reach the rasteriser.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "core/font_index.hpp"

using namespace elder;

namespace {

const std::string kGood =
    R"({"base":"elder-cjk.ttf","tiers":[{"file":"elder-cjk-rare.ttf","ranges":[[13312,19903],[131072,173791]],"bytes":5,)"
    R"("fnv1a64":"a430d84680aabd0b"}]})";

std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

}  // namespace

TEST_CASE("FNV-1a 64 gives the published test values") {
    CHECK(fnv1a64("") == 0xcbf29ce484222325ULL);
    CHECK(fnv1a64("a") == 0xaf63dc4c8601ec8cULL);
    CHECK(fnv1a64("foobar") == 0x85944171f73967e8ULL);
}

TEST_CASE("a font index as the build writes it is read whole") {
    const auto tiers = parse_font_index(kGood);
    REQUIRE(tiers);
    REQUIRE(tiers->size() == 1);
    CHECK((*tiers)[0].file == "elder-cjk-rare.ttf");
    CHECK((*tiers)[0].ranges.size() == 2);
    CHECK((*tiers)[0].ranges[1].second == 173791u);
    CHECK((*tiers)[0].bytes == 5);
    CHECK(font_file_intact((*tiers)[0], "hello"));
}

TEST_CASE("the built font index names every tier with its size and hash and each file matches") {
    const std::string dir = ELDER_TEST_FONTS_DIR;
    const auto tiers = parse_font_index(read_text(dir + "/index.json"));
    REQUIRE(tiers);
    CHECK(tiers->size() >= 4);
    for (const FontTierSpec& spec : *tiers) {
        INFO(spec.file);
        CHECK(font_file_intact(spec, read_text(dir + "/" + spec.file)));
    }
}

TEST_CASE("a damaged font file is refused: other bytes of the same size a short one or a long one") {
    const auto tiers = parse_font_index(kGood);
    REQUIRE(tiers);
    const FontTierSpec& spec = (*tiers)[0];
    CHECK_FALSE(font_file_intact(spec, "hellp"));
    CHECK_FALSE(font_file_intact(spec, "hell"));
    CHECK_FALSE(font_file_intact(spec, "hello!"));
    CHECK_FALSE(font_file_intact(spec, "<html>"));
}

TEST_CASE("a font index that is not the build's is refused whole") {
    const auto with = [](const std::string& tier) { return R"({"tiers":[)" + tier + "]}"; };
    const std::string ok_rest = R"("ranges":[[1,2]],"bytes":5,"fnv1a64":"a430d84680aabd0b")";
    CHECK(parse_font_index(with(R"({"file":"a.ttf",)" + ok_rest + "}")));
    for (const std::string& bad : {
             std::string("not json"), std::string("[]"), std::string(R"({"tiers":{}})"),
             with(R"({"file":"../etc/passwd",)" + ok_rest + "}"),             // a path, not a name
             with(R"({"file":"a/b.ttf",)" + ok_rest + "}"),
             with(R"({"file":".hidden",)" + ok_rest + "}"),
             with(R"({"file":"a.ttf","ranges":[[2,1]],"bytes":5,"fnv1a64":"a430d84680aabd0b"})"),        // backwards
             with(R"({"file":"a.ttf","ranges":[[1,1114112]],"bytes":5,"fnv1a64":"a430d84680aabd0b"})"),  // past Unicode
             with(R"({"file":"a.ttf","ranges":[[1,2,3]],"bytes":5,"fnv1a64":"a430d84680aabd0b"})"),
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":0,"fnv1a64":"a430d84680aabd0b"})"),
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":9000000,"fnv1a64":"a430d84680aabd0b"})"),  // over the limit
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":-5,"fnv1a64":"a430d84680aabd0b"})"),
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":5,"fnv1a64":"A430D84680AABD0B"})"),        // not as written
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":5,"fnv1a64":"a430d846"})"),
             with(R"({"file":"a.ttf","ranges":[[1,2]],"bytes":5})"),                                     // no hash
         }) {
        INFO(bad);
        CHECK_FALSE(parse_font_index(bad));
    }
}

TEST_CASE("a font index over its limits is refused: size tiers and ranges") {
    std::string huge = R"({"tiers":[],"pad":")" + std::string(kMaxFontIndexBytes, 'x') + R"("})";
    CHECK_FALSE(parse_font_index(huge));
    std::string many = R"({"tiers":[)";
    for (std::size_t i = 0; i <= kMaxFontTiers; ++i)
        many += std::string(i ? "," : "") + R"({"file":"a.ttf","ranges":[[1,2]],"bytes":5,"fnv1a64":"a430d84680aabd0b"})";
    CHECK_FALSE(parse_font_index(many + "]}"));
    std::string ranges = R"({"tiers":[{"file":"a.ttf","bytes":5,"fnv1a64":"a430d84680aabd0b","ranges":[)";
    for (std::size_t i = 0; i <= kMaxFontRanges; ++i) ranges += std::string(i ? "," : "") + "[1,2]";
    CHECK_FALSE(parse_font_index(ranges + "]}]}"));
}
