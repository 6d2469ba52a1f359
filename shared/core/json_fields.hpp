#pragma once
// Reading JSON objects field by field with validation. The first problem found is kept as a
// sentence naming the field's path ("items[3].title: missing"); nothing throws.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace elder {

class JsonFields {
public:
    // `error` receives the first problem; `path` prefixes field names in messages.
    JsonFields(const nlohmann::json& object, std::string path, std::string& error);

    bool ok() const { return error_.empty(); }

    void text(const char* name, std::string& out, size_t max_bytes = 100000);
    void optional_text(const char* name, std::string& out, size_t max_bytes = 100000);  // absent or null: ""
    void integer(const char* name, std::int64_t& out, std::int64_t min, std::int64_t max);
    void optional_integer(const char* name, std::optional<std::int64_t>& out, std::int64_t min, std::int64_t max);
    void boolean(const char* name, bool& out);
    void texts(const char* name, std::vector<std::string>& out, size_t max_items = 1000);  // absent: empty
    void one_of(const char* name, std::string& out, std::initializer_list<const char*> allowed);

    // A list of objects, each decoded by `item(json, path, out, error)`.
    template <class T, class F>
    void objects(const char* name, std::vector<T>& out, F item, size_t max_items = 10000) {
        const nlohmann::json* list = find(name, true);
        if (!list) return;
        if (!list->is_array() || list->size() > max_items) return fail(name, "must be a list of at most " + std::to_string(max_items));
        out.clear();
        for (size_t i = 0; i < list->size() && ok(); ++i) {
            T value{};
            if (item((*list)[i], path_ + name + "[" + std::to_string(i) + "]", value, error_)) out.push_back(std::move(value));
        }
    }

    void fail(const char* name, const std::string& problem);

private:
    const nlohmann::json* find(const char* name, bool required);

    const nlohmann::json& object_;
    std::string path_;
    std::string& error_;
};

// Parses JSON text without exceptions; on failure sets `error` and returns false.
bool parse_json(std::string_view text, nlohmann::json& out, std::string& error);

}  // namespace elder
