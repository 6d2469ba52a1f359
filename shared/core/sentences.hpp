#pragma once
// 朗读 reads a page sentence by sentence, so that it can pause, resume and start again at a
// sentence. Splitting text into sentences is plain text work, here.
#include <string>
#include <vector>

namespace elder {

// The sentences of `text`: each ends after 。！？； or a line break; pieces with nothing to say
// (spaces and sentence marks only, like an alert line's leading ！) are left out.
std::vector<std::string> split_sentences(const std::string& text);

}  // namespace elder
