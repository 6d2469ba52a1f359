#include "sse_parser.hpp"

namespace elder {
namespace {

constexpr std::size_t kMaxLine = 1u << 20;   // a single line over 1 MB is cut, not grown forever
constexpr std::size_t kMaxEvent = 1u << 20;  // an event's data past 1 MB is dropped whole (an alert is a few KB)

}  // namespace

std::vector<SseEvent> SseParser::feed(std::string_view chunk) {
    std::vector<SseEvent> out;
    for (char c : chunk) {
        if (c == '\n' && last_was_cr_) {  // the \n of a \r\n pair: the line already ended at \r
            last_was_cr_ = false;
            continue;
        }
        last_was_cr_ = c == '\r';
        if (c == '\r' || c == '\n') {
            line(buffer_, out);
            buffer_.clear();
        } else if (buffer_.size() < kMaxLine) {
            buffer_ += c;
        }
    }
    return out;
}

void SseParser::reset_partial() {
    buffer_.clear();
    data_.clear();
    event_.clear();
    has_data_ = false;
    too_long_ = false;
    last_was_cr_ = false;
}

void SseParser::line(std::string_view l, std::vector<SseEvent>& out) {
    if (l.empty()) {  // dispatch
        if (has_data_ && !too_long_) out.push_back({last_id_, event_.empty() ? "message" : event_, data_});
        data_.clear();
        event_.clear();
        has_data_ = false;
        too_long_ = false;
        return;
    }
    if (l.front() == ':') return;  // comment (heartbeat)
    const size_t colon = l.find(':');
    const std::string_view field = l.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? std::string_view() : l.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (field == "data") {
        if (has_data_) data_ += '\n';
        has_data_ = true;
        if (too_long_ || data_.size() + value.size() > kMaxEvent) {  // many lines without an end
            too_long_ = true;
            data_.clear();
            return;
        }
        data_.append(value);
    } else if (field == "event") {
        event_.assign(value);
    } else if (field == "id") {
        if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
    } else if (field == "retry") {
        std::int64_t ms = 0;
        bool digits = !value.empty() && value.size() < 10;
        for (char c : value) digits = digits && c >= '0' && c <= '9', ms = ms * 10 + (c - '0');
        if (digits) retry_ms_ = ms;
    }
}

}  // namespace elder
