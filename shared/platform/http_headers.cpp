#include "http.hpp"

namespace elder {

void take_response_header(std::string_view line, HttpResponse& response) {
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) return;
    std::string name(line.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value = line.substr(colon + 1);
    const size_t a = value.find_first_not_of(" \t"), b = value.find_last_not_of(" \t\r\n");
    value = a == std::string_view::npos ? std::string_view() : value.substr(a, b - a + 1);
    if (name == "etag") response.etag = std::string(value);
    if (name == "content-type") response.content_type = std::string(value);
}

}  // namespace elder
