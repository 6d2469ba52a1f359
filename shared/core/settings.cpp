#include "settings.hpp"

#include <nlohmann/json.hpp>

namespace elder {

using nlohmann::json;

float text_scale(int text_size) {
    static const float scales[kTextSizes] = {1.0f, 1.3f, 1.6f};
    return scales[text_size < 0 ? 0 : text_size >= kTextSizes ? kTextSizes - 1 : text_size];
}

int speech_rate_wpm(int r) { return r <= 0 ? 115 : r >= 2 ? 190 : 150; }  // older listeners: normal is slower than espeak's 175
int speech_volume_level(int v) { return v <= 0 ? 60 : v >= 2 ? 170 : 110; }

std::string encode_settings(const Settings& s) {
    return json{{"text_size", s.text_size}, {"high_contrast", s.high_contrast}, {"language", s.language}, {"voice", s.voice},
                {"chime", s.chime}, {"speech_rate", s.speech_rate}, {"speech_volume", s.speech_volume}}
        .dump();
}

void apply_stored_settings(const std::string& text, Settings& s) {
    const json j = json::parse(text, nullptr, false);
    if (!j.is_object()) return;
    if (auto it = j.find("text_size"); it != j.end() && it->is_number_integer()) {
        const int size = it->get<int>();
        if (size >= 0 && size < kTextSizes) s.text_size = size;
    }
    if (auto it = j.find("high_contrast"); it != j.end() && it->is_boolean()) s.high_contrast = it->get<bool>();
    if (auto it = j.find("language"); it != j.end() && it->is_string()) {
        const std::string lang = it->get<std::string>();
        if (lang == "zh-CN" || lang == "en") s.language = lang;
    }
    if (auto it = j.find("voice"); it != j.end() && it->is_boolean()) s.voice = it->get<bool>();
    if (auto it = j.find("chime"); it != j.end() && it->is_boolean()) s.chime = it->get<bool>();
    for (auto [key, field] : {std::pair{"speech_rate", &s.speech_rate}, std::pair{"speech_volume", &s.speech_volume}})
        if (auto it = j.find(key); it != j.end() && it->is_number_integer() && it->get<int>() >= 0 && it->get<int>() <= 2)
            *field = it->get<int>();
}

std::string encode_ids(const std::set<std::int64_t>& ids) { return json(ids).dump(); }

std::set<std::int64_t> decode_ids(const std::string& text) {
    std::set<std::int64_t> ids;
    const json j = json::parse(text, nullptr, false);
    if (!j.is_array()) return ids;
    for (const json& v : j)
        if (v.is_number_integer()) ids.insert(v.get<std::int64_t>());
    return ids;
}

}  // namespace elder
