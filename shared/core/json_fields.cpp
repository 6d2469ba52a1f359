#include "json_fields.hpp"

namespace elder {

JsonFields::JsonFields(const nlohmann::json& object, std::string path, std::string& error)
    : object_(object), path_(path.empty() ? "" : path + "."), error_(error) {
    if (ok() && !object_.is_object()) error_ = (path.empty() ? std::string("the answer") : path) + ": must be an object";
}

void JsonFields::fail(const char* name, const std::string& problem) {
    if (ok()) error_ = path_ + name + ": " + problem;
}

const nlohmann::json* JsonFields::find(const char* name, bool required) {
    if (!ok()) return nullptr;
    const auto it = object_.find(name);
    if (it == object_.end() || it->is_null()) {
        if (required) fail(name, "missing");
        return nullptr;
    }
    return &*it;
}

void JsonFields::text(const char* name, std::string& out, size_t max_bytes) {
    const nlohmann::json* v = find(name, true);
    if (!v) return;
    if (!v->is_string()) return fail(name, "must be text");
    if (v->get_ref<const std::string&>().size() > max_bytes) return fail(name, "is too long");
    out = v->get<std::string>();
}

void JsonFields::optional_text(const char* name, std::string& out, size_t max_bytes) {
    const nlohmann::json* v = find(name, false);
    out.clear();
    if (!v) return;
    if (!v->is_string()) return fail(name, "must be text");
    if (v->get_ref<const std::string&>().size() > max_bytes) return fail(name, "is too long");
    out = v->get<std::string>();
}

void JsonFields::integer(const char* name, std::int64_t& out, std::int64_t min, std::int64_t max) {
    const nlohmann::json* v = find(name, true);
    if (!v) return;
    if (!v->is_number_integer()) return fail(name, "must be a whole number");
    // Unsigned values above INT64_MAX would wrap: compare as unsigned first.
    if (v->is_number_unsigned() && v->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) return fail(name, "is out of range");
    const std::int64_t n = v->get<std::int64_t>();
    if (n < min || n > max) return fail(name, "is out of range");
    out = n;
}

void JsonFields::optional_integer(const char* name, std::optional<std::int64_t>& out, std::int64_t min, std::int64_t max) {
    out.reset();
    if (!find(name, false)) return;
    std::int64_t n = 0;
    integer(name, n, min, max);
    if (ok()) out = n;
}

void JsonFields::boolean(const char* name, bool& out) {
    const nlohmann::json* v = find(name, true);
    if (!v) return;
    if (!v->is_boolean()) return fail(name, "must be true or false");
    out = v->get<bool>();
}

void JsonFields::texts(const char* name, std::vector<std::string>& out, size_t max_items) {
    const nlohmann::json* v = find(name, false);
    out.clear();
    if (!v) return;
    if (!v->is_array() || v->size() > max_items) return fail(name, "must be a list of text");
    for (const auto& item : *v) {
        if (!item.is_string()) return fail(name, "must be a list of text");
        out.push_back(item.get<std::string>());
    }
}

void JsonFields::one_of(const char* name, std::string& out, std::initializer_list<const char*> allowed) {
    std::string value;
    text(name, value, 100);
    if (!ok()) return;
    for (const char* a : allowed)
        if (value == a) {
            out = value;
            return;
        }
    fail(name, "has the unknown value '" + value + "'");
}

bool parse_json(std::string_view text, nlohmann::json& out, std::string& error) {
    out = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (out.is_discarded()) {
        error = "the answer is not valid JSON";
        return false;
    }
    return true;
}

}  // namespace elder
