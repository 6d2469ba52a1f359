// Search by pinyin initials, as residents type them on the remote's letter grid.
#include <catch2/catch.hpp>

#include "core/keyword.hpp"
#include "core/pinyin.hpp"

using namespace elder;

TEST_CASE("initials of characters, with every reading of heteronyms") {
    CHECK(initials_of(U'养') == "y");
    CHECK(initials_of(U'老') == "l");
    CHECK(initials_of(U'长').find('c') != std::string::npos);
    CHECK(initials_of(U'长').find('z') != std::string::npos);
    CHECK(initials_of(U'A') == "a");
    CHECK(initials_of(U'7') == "7");
    CHECK(initials_of(U'，').empty());
    CHECK(initials_of(U'😀').empty());
}

TEST_CASE("YL finds 养老 anywhere in a title, case, spaces and punctuation do not matter") {
    CHECK(matches_initials("城乡居民养老保险", "YL"));
    CHECK(matches_initials("养老金资格认证", "ylj"));
    CHECK(matches_initials("老旧小区加装电梯补贴", "jzdt"));
    CHECK(matches_initials("关于 2026 年，养老服务补贴", "YLFW"));
    CHECK(matches_initials("银行卡 长期有效", "cq"));
    CHECK(matches_initials("银行卡 长期有效", "zq"));  // 长 read zhǎng also counts: residents guess either
    CHECK_FALSE(matches_initials("城乡居民养老保险", "LY"));  // order matters
    CHECK_FALSE(matches_initials("养老", "ylx"));
    CHECK_FALSE(matches_initials("养老", ""));
    CHECK_FALSE(matches_initials("\xff\xfe养老", "zz"));  // malformed bytes are skipped, never a crash
    CHECK(matches_initials("\xff\xfe养老", "yl"));
}

TEST_CASE("keywords typed in browsers: every word must occur, Latin letters in any case") {
    CHECK(matches_keyword("高龄老人津贴发放办法", "津贴"));
    CHECK(matches_keyword("高龄老人津贴发放办法", "高龄 津贴"));
    CHECK_FALSE(matches_keyword("高龄老人津贴发放办法", "高龄 医保"));
    CHECK(matches_keyword("Pension check", "PENSION"));
    CHECK_FALSE(matches_keyword("养老", ""));
    CHECK_FALSE(matches_keyword("养老", "   "));
}
