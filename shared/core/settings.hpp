#pragma once
// The resident's settings and read markers as stored text (storage keys "settings", "read.policies").
#include <optional>
#include <set>
#include <string>

#include "state.hpp"

namespace elder {

std::string encode_settings(const Settings& s);
// Applies what the stored text holds on top of `s`; damaged or unknown values are skipped.
void apply_stored_settings(const std::string& text, Settings& s);

std::string encode_ids(const std::set<std::int64_t>& ids);
std::set<std::int64_t> decode_ids(const std::string& text);  // damaged text: empty

// espeak-ng words per minute and volume (0-200) of the resident's choices; the web maps them on.
int speech_rate_wpm(int speech_rate);
int speech_volume_level(int speech_volume);

}  // namespace elder
