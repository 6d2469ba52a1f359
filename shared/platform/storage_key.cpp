#include "storage.hpp"

namespace elder {

bool valid_storage_key(const std::string& key) {
    if (key.empty() || key.size() > 64 || key == "." || key == "..") return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-')) return false;
    return true;
}

}  // namespace elder
