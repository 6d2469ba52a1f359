#include <catch2/catch.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <string>

#include "platform/storage.hpp"

using namespace elder;

namespace {

// Caps the size of files this process writes (RLIMIT_FSIZE) while it lives; writes past the cap fail
// with EFBIG instead of raising SIGXFSZ.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        REQUIRE(getrlimit(RLIMIT_FSIZE, &saved_) == 0);
        old_handler_ = signal(SIGXFSZ, SIG_IGN);
        rlimit capped = saved_;
        capped.rlim_cur = bytes;
        REQUIRE(setrlimit(RLIMIT_FSIZE, &capped) == 0);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &saved_);
        signal(SIGXFSZ, old_handler_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit saved_{};
    void (*old_handler_)(int) = SIG_DFL;
};

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
    const std::string dir = temp_dir();
    auto storage = make_storage(dir);
    std::string error;
    REQUIRE(storage->put("k", "old", error));
    {
        // A full disk, as root meets it too (permissions would not stop root): files may not grow
        // past 64 bytes, so writing the new value fails half-way.
        const FileSizeLimit full(64);
        CHECK_FALSE(storage->put("k", std::string(4096, 'n'), error));
    }
    CHECK(error.find("cannot write") != std::string::npos);
    CHECK(storage->get("k") == std::string("old"));
    CHECK(access((dir + "/k.tmp").c_str(), F_OK) != 0);  // the half-written copy is gone

    // A folder that cannot be made: its path runs through a regular file.
    auto below_file = make_storage(dir + "/k/sub");
    CHECK_FALSE(below_file->put("k", "v", error));
    CHECK(error.find("cannot create") != std::string::npos);
}
