#include "personal_answers.hpp"

namespace elder::server {

// The other way round: the API's public content is listed, and every other API path counts as
// personal. A new personal endpoint is then covered without anyone remembering it, and a
// percent-encoded spelling of a personal path (the router decodes it) is covered too.
bool holds_personal_data(std::string_view path) {
    static constexpr std::string_view kPublic[] = {"/api/v1/site",       "/api/v1/policies",  "/api/v1/guides",
                                                   "/api/v1/contacts",   "/api/v1/activities", "/api/v1/schedules",
                                                   "/api/v1/alerts",     "/api/v1/health",     "/api/v1/policy-categories",
                                                   "/api/v1/notices"};
    if (path.substr(0, 5) != "/api/") return false;
    for (std::string_view prefix : kPublic)
        if (path.substr(0, prefix.size()) == prefix && (path.size() == prefix.size() || path[prefix.size()] == '/'))
            return false;
    return true;
}

void mark_personal(const Request& request, Response& res) {
    if (holds_personal_data(request_path(request))) res.set(http::field::cache_control, "no-store");
}

}  // namespace elder::server
