#pragma once
// String catalogues (assets/strings/<lang>.json): a flat JSON object of key -> text.
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace elder {

class Catalogue {
public:
    // Parses a catalogue. On failure returns false, leaves the catalogue empty and sets `error`
    // to a sentence naming what is wrong (never throws).
    bool load(std::string_view json_text, std::string& error);

    // The text of `key`; a missing key returns the key itself so that the gap is visible, not a crash.
    const std::string& text(std::string_view key) const;
    bool has(std::string_view key) const;
    std::vector<std::string> keys() const;

    // `text(key)` with each "{name}" replaced by the matching value.
    std::string format(std::string_view key,
                       const std::vector<std::pair<std::string, std::string>>& values) const;

private:
    std::map<std::string, std::string, std::less<>> texts_;
    mutable std::string missing_;
};

// Keys present in `a` but not in `b`.
std::vector<std::string> keys_missing_from(const Catalogue& a, const Catalogue& b);

}  // namespace elder
