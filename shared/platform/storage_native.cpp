// Files in one folder; each write goes to a temporary file that is flushed to disk and then renamed
// over the old one, so a power cut leaves either the old or the new value, never half of one.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "read_file.hpp"
#include "storage.hpp"

namespace elder {
namespace {

bool make_dirs(const std::string& path) {
    for (size_t pos = 1; pos != std::string::npos; pos = path.find('/', pos + 1)) {
        const std::string part = path.substr(0, pos);
        if (mkdir(part.c_str(), 0700) != 0 && errno != EEXIST) return false;
    }
    return mkdir(path.c_str(), 0700) == 0 || errno == EEXIST;
}

class FileStorage : public Storage {
public:
    explicit FileStorage(std::string dir) : dir_(std::move(dir)) {}

    bool put(const std::string& key, const std::string& value, std::string& error) override {
        if (!valid_storage_key(key)) return error = "invalid storage key '" + key + "'", false;
        if (!make_dirs(dir_)) return error = "cannot create " + dir_ + ": " + std::strerror(errno), false;
        const std::string path = dir_ + "/" + key, tmp = path + ".tmp";
        const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
        if (fd < 0) return error = "cannot write " + tmp + ": " + std::strerror(errno), false;
        size_t written = 0;
        while (written < value.size()) {
            const ssize_t n = ::write(fd, value.data() + written, value.size() - written);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) {
                error = "cannot write " + tmp + ": " + std::strerror(errno);
                ::close(fd);
                ::unlink(tmp.c_str());
                return false;
            }
            written += static_cast<size_t>(n);
        }
        if (::fsync(fd) != 0 || ::close(fd) != 0) {
            error = "cannot flush " + tmp + ": " + std::strerror(errno);
            ::unlink(tmp.c_str());
            return false;
        }
        if (::rename(tmp.c_str(), path.c_str()) != 0) {
            error = "cannot replace " + path + ": " + std::strerror(errno);
            ::unlink(tmp.c_str());
            return false;
        }
        const int dir_fd = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dir_fd >= 0) {  // make the rename itself durable
            ::fsync(dir_fd);
            ::close(dir_fd);
        }
        return true;
    }

    std::optional<std::string> get(const std::string& key) override {
        if (!valid_storage_key(key)) return std::nullopt;
        return read_file(dir_ + "/" + key);
    }

    void remove(const std::string& key) override {
        if (valid_storage_key(key)) ::unlink((dir_ + "/" + key).c_str());
    }

private:
    std::string dir_;
};

}  // namespace

std::unique_ptr<Storage> make_storage(const std::string& location) { return std::make_unique<FileStorage>(location); }

std::string default_storage_location() {
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return std::string(xdg) + "/elder-community";
    if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.local/share/elder-community";
    return "elder-community-data";
}

}  // namespace elder
