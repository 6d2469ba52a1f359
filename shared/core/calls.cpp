#include "effects.hpp"

namespace elder {
namespace {

struct Row {
    const char* method;
    const char* path;
    Slice owner;
};

#define ELDER_CALL_ROW(id, method, path, owner) Row{method, path, Slice::owner},
constexpr Row kRows[] = {ELDER_CALLS(ELDER_CALL_ROW)};
#undef ELDER_CALL_ROW

const Row& row(Call call) { return kRows[static_cast<size_t>(call)]; }

}  // namespace

Slice call_owner(Call call) { return row(call).owner; }

HttpSend call_request(Call call, std::string body, std::string token, std::int64_t ref, std::string idempotency_key,
                      const std::string& query) {
    std::string path = row(call).path;
    if (const size_t at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, std::to_string(ref));
    if (!query.empty()) path += "?" + query;
    return HttpSend{call, row(call).method, std::move(path), std::move(body), std::move(token), std::move(idempotency_key), ref};
}

}  // namespace elder
