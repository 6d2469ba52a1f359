#include "i18n.hpp"

#include <nlohmann/json.hpp>

namespace elder {

bool Catalogue::load(std::string_view json_text, std::string& error) {
    texts_.clear();
    const auto doc = nlohmann::json::parse(json_text.begin(), json_text.end(), nullptr, false);
    if (doc.is_discarded()) {
        error = "catalogue is not valid JSON";
        return false;
    }
    if (!doc.is_object()) {
        error = "catalogue must be a JSON object of key -> text";
        return false;
    }
    std::map<std::string, std::string, std::less<>> parsed;
    for (const auto& [key, value] : doc.items()) {
        if (!value.is_string()) {
            error = "catalogue key '" + key + "' is not a string";
            return false;
        }
        parsed.emplace(key, value.get<std::string>());
    }
    texts_ = std::move(parsed);
    return true;
}

const std::string& Catalogue::text(std::string_view key) const {
    if (auto it = texts_.find(key); it != texts_.end()) return it->second;
    missing_.assign(key);
    return missing_;
}

bool Catalogue::has(std::string_view key) const { return texts_.find(key) != texts_.end(); }

std::vector<std::string> Catalogue::keys() const {
    std::vector<std::string> out;
    out.reserve(texts_.size());
    for (const auto& entry : texts_) out.push_back(entry.first);
    return out;
}

std::string Catalogue::format(std::string_view key,
                              const std::vector<std::pair<std::string, std::string>>& values) const {
    std::string out = text(key);
    for (const auto& [name, value] : values) {
        const std::string token = "{" + name + "}";
        for (size_t pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
            out.replace(pos, token.size(), value);
    }
    return out;
}

std::vector<std::string> keys_missing_from(const Catalogue& a, const Catalogue& b) {
    std::vector<std::string> missing;
    for (const std::string& key : a.keys())
        if (!b.has(key)) missing.push_back(key);
    return missing;
}

}  // namespace elder
