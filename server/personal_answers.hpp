#pragma once
// Answers that hold personal data (appointments, help requests, a box's household, tokens, one-time
// codes, staff lists) must not be kept by a browser or a proxy: a kiosk is shared, and its cache
// outlives the visit. One rule by path, applied to every answer in one place (Service::handle), so
// no handler can forget it.
#include <string_view>

#include "http_types.hpp"

namespace elder::server {

bool holds_personal_data(std::string_view path);

// Cache-Control: no-store on `res` when the request's path holds personal data.
void mark_personal(const Request& request, Response& res);

}  // namespace elder::server
