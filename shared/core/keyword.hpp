#pragma once
// Keyword search for browsers, where residents can type Chinese: does the text contain the keyword?
#include <string_view>

namespace elder {

// True when every space-separated word of `keyword` occurs in `text` (Latin letters in any case).
// An empty keyword matches nothing.
bool matches_keyword(std::string_view text, std::string_view keyword);

}  // namespace elder
