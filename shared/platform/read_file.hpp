#pragma once
// A whole file as bytes: assets, keymaps, configuration, the offline store (the in-memory file
// system in a browser). Nothing when it cannot be opened.
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

namespace elder {

inline std::optional<std::string> read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

}  // namespace elder
