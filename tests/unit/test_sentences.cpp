// Sentences for 朗读: where a page's text is cut so that reading can pause and resume.
#include <catch2/catch.hpp>

#include "core/sentences.hpp"

using namespace elder;

TEST_CASE("sentences end after 。！？； or a line break") {
    const auto s = split_sentences("今天停水。请提前储水！有问题吗？打电话；\n第二行");
    REQUIRE(s.size() == 5);
    CHECK(s[0] == "今天停水。");
    CHECK(s[1] == "请提前储水！");
    CHECK(s[2] == "有问题吗？");
    CHECK(s[3] == "打电话；");
    CHECK(s[4] == "第二行");
}

TEST_CASE("pieces with nothing to say are left out, words without a mark are one sentence") {
    CHECK(split_sentences("！ 寒潮预警").size() == 1);
    CHECK(split_sentences("！ 寒潮预警")[0] == " 寒潮预警");
    CHECK(split_sentences("。。\n  ").empty());
    CHECK(split_sentences("").empty());
    CHECK(split_sentences("Back on Monday.") == std::vector<std::string>{"Back on Monday."});
}
