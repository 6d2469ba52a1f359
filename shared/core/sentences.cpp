#include "sentences.hpp"

namespace elder {
namespace {

constexpr const char* kMarks[] = {"。", "！", "？", "；"};  // 3 bytes each in UTF-8

bool mark_at(const std::string& s, size_t i) {
    for (const char* m : kMarks)
        if (s.compare(i, 3, m) == 0) return true;
    return false;
}

// Nothing to say: spaces, line breaks and sentence marks only.
bool only_punctuation(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        if (s[i] == ' ' || s[i] == '\n') ++i;
        else if (mark_at(s, i)) i += 3;
        else return false;
    }
    return true;
}

}  // namespace

std::vector<std::string> split_sentences(const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        const size_t end = mark_at(text, i) ? i + 3 : text[i] == '\n' ? i + 1 : 0;
        if (!end) continue;
        const std::string sentence = text.substr(start, end - start);
        if (!only_punctuation(sentence)) out.push_back(sentence);
        start = end;
        i = end - 1;
    }
    if (start < text.size() && !only_punctuation(text.substr(start))) out.push_back(text.substr(start));
    return out;
}

}  // namespace elder
