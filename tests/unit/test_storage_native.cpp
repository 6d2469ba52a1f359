#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <string>

#include "platform/storage.hpp"

using namespace elder;

namespace {

std::string temp_dir() {
    char pattern[] = "/tmp/elder-storage-XXXXXX";
    REQUIRE(mkdtemp(pattern));
    return pattern;
}

}  // namespace

TEST_CASE("native storage writes, replaces, reads and removes") {
    const std::string dir = temp_dir() + "/nested/data";  // created on first write
    auto storage = make_storage(dir);
    std::string error;
    CHECK_FALSE(storage->get("settings").has_value());
    REQUIRE(storage->put("settings", R"({"text_size": 2})", error));
    CHECK(storage->get("settings") == std::string(R"({"text_size": 2})"));
    REQUIRE(storage->put("settings", "中文内容", error));
    CHECK(storage->get("settings") == std::string("中文内容"));
    CHECK(access((dir + "/settings.tmp").c_str(), F_OK) != 0);  // no temporary left behind
    storage->remove("settings");
    CHECK_FALSE(storage->get("settings").has_value());
}

TEST_CASE("storage keys cannot escape the folder") {
    auto storage = make_storage(temp_dir());
    std::string error;
    for (const char* key : {"../evil", "a/b", "", ".", "..", "UPPER", "with space"}) {
        INFO(key);
        CHECK_FALSE(storage->put(key, "x", error));
        CHECK(error.find("invalid storage key") != std::string::npos);
    }
    CHECK(valid_storage_key("cache.policies-1_v2"));
}

TEST_CASE("a write that cannot happen is an error and keeps the old value") {
    if (geteuid() == 0) {
        // root ignores permissions: use a path below a regular file instead.
        const std::string dir = temp_dir();
        auto blocker = make_storage(dir);
        std::string error;
        REQUIRE(blocker->put("file", "x", error));
        auto storage = make_storage(dir + "/file/sub");
        CHECK_FALSE(storage->put("k", "v", error));
        CHECK(error.find("cannot") != std::string::npos);
        return;
    }
    const std::string dir = temp_dir();
    auto storage = make_storage(dir);
    std::string error;
    REQUIRE(storage->put("k", "old", error));
    chmod(dir.c_str(), 0500);
    CHECK_FALSE(storage->put("k", "new", error));
    chmod(dir.c_str(), 0700);
    CHECK(storage->get("k") == std::string("old"));
}
