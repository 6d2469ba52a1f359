#include "content_kinds.hpp"

#include "cap.hpp"
#include "change_seq.hpp"
#include "china_time.hpp"

namespace elder::server {
namespace {

using nlohmann::json;
using F = FieldType;

const std::vector<ContentKind> kKinds = {
    {"policies", "policies", "title",
     {{"category_id", F::Category, true, 1, 50}, {"title", F::Line, true, 1, 100}, {"summary", F::Text, true, 1, 300},
      {"body", F::Text, true, 1, 20000}, {"issuer", F::Line, true, 1, 100}, {"published_on", F::Date, true, 10, 10},
      {"effective_on", F::Date, false, 10, 10}, {"tags", F::Lines, false, 0, 10}}},
    {"guides", "guides", "title",
     {{"theme", F::Line, true, 1, 50}, {"title", F::Line, true, 1, 100}, {"what", F::Text, true, 1, 2000},
      {"who", F::Text, true, 1, 2000}, {"materials", F::Lines, false, 0, 30}, {"steps", F::Lines, false, 0, 30},
      {"place", F::Line, true, 1, 200}, {"hours", F::Line, true, 1, 200}, {"fee", F::Line, true, 1, 100},
      {"processing_time", F::Line, true, 1, 100}, {"online", F::Flag, true, 0, 1}, {"online_url", F::Line, false, 0, 500},
      {"schedule_id", F::Schedule, false, 0, 0}}},
    {"contacts", "contacts", "organisation",
     {{"organisation", F::Line, true, 1, 100}, {"role", F::Line, true, 1, 100}, {"name", F::Line, true, 1, 50},
      {"phone", F::Line, true, 3, 30}, {"hours", F::Line, true, 1, 100}, {"address", F::Line, true, 1, 200}}},
    {"activities", "activities", "title",
     {{"title", F::Line, true, 1, 100}, {"description", F::Text, true, 1, 2000}, {"place", F::Line, true, 1, 200},
      {"start", F::DateTime, true, 1, 40}, {"end", F::DateTime, true, 1, 40}, {"capacity", F::Count, true, 1, 10000},
      {"schedule_id", F::Schedule, false, 0, 0}}},
    {"notices", "notices", "title",
     {{"title", F::Line, true, 1, 60}, {"body", F::Text, true, 1, 4000}, {"pinned", F::Flag, false, 0, 1}},
     "published"},
};

constexpr size_t kMaxLineChars = 500;  // one item of a list field

size_t utf8_chars(const std::string& s) {
    size_t n = 0;
    for (const unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

// Whitespace a line may start or end with: ASCII, the ideographic space (U+3000) and NBSP.
bool starts_with_space(const std::string& s, size_t at, size_t& len) {
    if (at < s.size() && (s[at] == ' ' || s[at] == '\t')) return len = 1, true;
    if (s.compare(at, 3, "\xE3\x80\x80") == 0) return len = 3, true;
    return false;
}

std::string trim_line(const std::string& line) {
    size_t begin = 0, len = 0;
    while (starts_with_space(line, begin, len)) begin += len;
    std::string out = line.substr(begin);
    for (;;) {
        if (!out.empty() && (out.back() == ' ' || out.back() == '\t')) out.pop_back();
        else if (out.size() >= 3 && out.compare(out.size() - 3, 3, "\xE3\x80\x80") == 0) out.resize(out.size() - 3);
        else break;
    }
    return out;
}

std::string clean_line(const json& v) { return trim_line(clean_pasted_text(v.get<std::string>())); }

// A problem with a field: `reason` for programs, `detail` a sentence for the editor.
json problem_item(const char* name, const std::string& reason, const std::string& detail) {
    return {{"name", name}, {"reason", reason}, {"detail", detail}};
}

void check_text(const FieldSpec& f, const std::string& value, json& invalid) {
    const size_t n = utf8_chars(value);
    if ((f.required && n < static_cast<size_t>(f.min)) || n > static_cast<size_t>(f.max))
        invalid.push_back(problem_item(f.name, "needs " + std::to_string(f.min) + " to " + std::to_string(f.max) + " characters",
                                       "要写 " + std::to_string(f.min) + " 到 " + std::to_string(f.max) + " 个字（现在 " + std::to_string(n) + " 个）。"));
}

// One field's value, cleaned, or null when absent and optional; problems go to `invalid`.
json field_value(Database& db, const FieldSpec& f, const json& in, json& invalid) {
    const bool present = in.contains(f.name) && !in[f.name].is_null() && !(in[f.name].is_string() && in[f.name].get<std::string>().empty());
    if (!present) {
        if (f.required) invalid.push_back(problem_item(f.name, "is required", "这一项要填。"));
        if (f.type == F::Flag) return false;  // an optional flag left out is "no"
        return f.type == F::Lines ? json::array() : json(nullptr);
    }
    const json& v = in[f.name];
    auto bad = [&](const char* reason, const char* detail) { invalid.push_back(problem_item(f.name, reason, detail)); return json(nullptr); };
    switch (f.type) {
        case F::Line: case F::Text: case F::Date: case F::DateTime: case F::Category: {
            if (!v.is_string()) return bad("must be text", "这一项应该是文字。");
            const std::string value = f.type == F::Text ? clean_pasted_text(v.get<std::string>()) : clean_line(v);
            if (f.type == F::Line && value.find('\n') != std::string::npos) return bad("must be one line", "这一项只能写一行。");
            if (f.type == F::Date && !is_date(value)) return bad("not a date (YYYY-MM-DD)", "日期不对，请选一个日期。");
            long long t = 0;
            if (f.type == F::DateTime && !cap_time_to_epoch(value, t)) return bad("not a date and time with offset", "日期和时间不对。");
            if (f.type == F::Category && !db.prepare("SELECT 1 FROM policy_categories WHERE id = ?").bind(1, value).step())
                return bad("unknown category", "请选一个政策类别。");
            if (f.type == F::Line || f.type == F::Text) check_text(f, value, invalid);
            return value;
        }
        case F::Count:
            if (!v.is_number_integer() || v.get<long long>() < f.min || v.get<long long>() > f.max) return bad("a whole number out of range", "请填一个合适的整数。");
            return v;
        case F::Flag:
            if (!v.is_boolean()) return bad("must be true or false", "请选是或否。");
            return v;
        case F::Schedule:
            if (!v.is_number_integer() || !db.prepare("SELECT 1 FROM schedules WHERE id = ?").bind(1, v.get<std::int64_t>()).step())
                return bad("unknown schedule", "没有这项预约服务。");
            return v;
        case F::Lines: {
            if (!v.is_array() || v.size() > static_cast<size_t>(f.max)) return bad("a list too long", "条目太多了。");
            json out = json::array();
            for (const json& item : v) {
                if (!item.is_string()) return bad("a list of text", "每一条都应该是文字。");
                const std::string line = clean_line(item);
                if (line.find('\n') != std::string::npos || utf8_chars(line) > kMaxLineChars) return bad("each item one line of up to 500 characters", "每一条最多 500 个字。");
                if (!line.empty()) out.push_back(line);
            }
            return out;
        }
    }
    return bad("unknown field type", "无法识别这一项。");
}

void bind_value(Statement& s, int index, const FieldSpec& f, const json& v) {
    if (f.type == F::Lines) s.bind(index, v.dump());
    else if (v.is_null()) s.bind_null(index);
    else if (v.is_boolean()) s.bind(index, static_cast<std::int64_t>(v.get<bool>()));
    else if (v.is_number_integer()) s.bind(index, v.get<std::int64_t>());
    else s.bind(index, v.get<std::string>());
}

json read_value(const Statement& s, int column, const FieldSpec& f) {
    if (s.is_null(column)) return f.type == F::Lines ? json::array() : json(nullptr);
    switch (f.type) {
        case F::Lines: return json::parse(s.text(column));
        case F::Flag: return s.integer(column) != 0;
        case F::Count: case F::Schedule: return s.integer(column);
        default: return s.text(column);
    }
}

bool has_seq(const ContentKind& kind) { return std::string(kind.table) == "policies"; }

}  // namespace

const std::vector<ContentKind>& content_kinds() { return kKinds; }

const ContentKind* find_kind(const std::string& name) {
    for (const ContentKind& k : kKinds)
        if (name == k.name) return &k;
    return nullptr;
}

std::string clean_pasted_text(const std::string& text) {
    std::string flat;  // control and invisible characters out, line ends as \n, NBSP as a space
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\r') { flat += '\n'; if (i + 1 < text.size() && text[i + 1] == '\n') ++i; continue; }
        if (c == '\v' || c == '\f') { flat += '\n'; continue; }
        if (c < 0x20 && c != '\n' && c != '\t') continue;
        if (c == 0x7F) continue;
        if (text.compare(i, 2, "\xC2\xA0") == 0) { flat += ' '; ++i; continue; }                  // NBSP
        if (text.compare(i, 2, "\xC2\xAD") == 0) { ++i; continue; }                               // soft hyphen
        if (text.compare(i, 3, "\xE2\x80\x8B") == 0 || text.compare(i, 3, "\xE2\x80\x8C") == 0 ||  // zero-width
            text.compare(i, 3, "\xE2\x80\x8D") == 0 || text.compare(i, 3, "\xEF\xBB\xBF") == 0 ||
            text.compare(i, 3, "\xE2\x81\xA0") == 0) { i += 2; continue; }
        if (text.compare(i, 3, "\xE2\x80\xA8") == 0 || text.compare(i, 3, "\xE2\x80\xA9") == 0) { flat += '\n'; i += 2; continue; }
        flat += static_cast<char>(c);
    }
    std::string out;  // each paragraph on one line, trimmed; blank lines between them dropped
    size_t start = 0;
    while (start <= flat.size()) {
        const size_t end = std::min(flat.find('\n', start), flat.size());
        const std::string line = trim_line(flat.substr(start, end - start));
        if (!line.empty()) out += (out.empty() ? "" : "\n") + line;
        start = end + 1;
    }
    return out;
}

json validate_fields(Database& db, const ContentKind& kind, const json& in, json& invalid) {
    json out = json::object();
    if (!in.is_object()) {
        invalid.push_back(problem_item("fields", "must be an object", "内容格式不对。"));
        return out;
    }
    for (const auto& [name, value] : in.items()) {
        (void)value;
        bool known = false;
        for (const FieldSpec& f : kind.fields) known = known || name == f.name;
        if (!known) invalid.push_back({{"name", name}, {"reason", "is not a field of " + std::string(kind.name)}, {"detail", "多了不认识的一项。"}});
    }
    for (const FieldSpec& f : kind.fields) out[f.name] = field_value(db, f, in, invalid);
    long long start = 0, end = 0;
    if (out.contains("start") && out.contains("end") && out["start"].is_string() && out["end"].is_string() &&
        cap_time_to_epoch(out["start"], start) && cap_time_to_epoch(out["end"], end) && end <= start)
        invalid.push_back(problem_item("end", "must be after start", "结束时间要晚于开始时间。"));
    return out;
}

std::int64_t publish_fields(Database& db, const ContentKind& kind, std::int64_t id, const json& fields) {
    std::string columns, marks, sets;
    for (const FieldSpec& f : kind.fields) {
        columns += std::string(columns.empty() ? "" : ", ") + "\"" + f.name + "\"";
        marks += std::string(marks.empty() ? "" : ", ") + "?";
        sets += std::string(sets.empty() ? "" : ", ") + "\"" + f.name + "\" = ?";
    }
    const bool stamp = !id && kind.published_column;  // first publication: the server sets the time
    if (stamp) {
        columns += std::string(", \"") + kind.published_column + "\"";
        marks += ", ?";
    }
    const std::int64_t seq = next_change_seq(db);
    const int n = static_cast<int>(kind.fields.size());
    Statement s = db.prepare(id ? "UPDATE " + std::string(kind.table) + " SET " + sets + (has_seq(kind) ? ", updated_seq = ?" : "") +
                                      " WHERE id = ?"
                                : "INSERT INTO " + std::string(kind.table) + " (" + columns + (has_seq(kind) ? ", updated_seq" : "") +
                                      ") VALUES (" + marks + (has_seq(kind) ? ", ?" : "") + ")");
    for (int i = 0; i < n; ++i) bind_value(s, i + 1, kind.fields[i], fields[kind.fields[i].name]);
    int next = n + 1;
    if (stamp) s.bind(next++, now_iso());
    if (has_seq(kind)) s.bind(next++, seq);
    if (id) s.bind(next, id);
    s.run();
    return id ? id : db.last_insert_id();
}

bool withdraw_item(Database& db, const ContentKind& kind, std::int64_t id) {
    if (!live_fields(db, kind, id)) return false;
    const std::int64_t seq = next_change_seq(db);
    Statement s = db.prepare("UPDATE " + std::string(kind.table) + " SET deleted = 1" + (has_seq(kind) ? ", updated_seq = ?" : "") +
                             " WHERE id = ?");
    if (has_seq(kind)) s.bind(1, seq).bind(2, id); else s.bind(1, id);
    s.run();
    return true;
}

std::optional<json> live_fields(Database& db, const ContentKind& kind, std::int64_t id) {
    std::string columns;
    for (const FieldSpec& f : kind.fields) columns += std::string(columns.empty() ? "" : ", ") + "\"" + f.name + "\"";
    Statement s = db.prepare("SELECT " + columns + " FROM " + kind.table + " WHERE id = ? AND deleted = 0");
    if (!s.bind(1, id).step()) return std::nullopt;
    json out = json::object();
    for (size_t i = 0; i < kind.fields.size(); ++i) out[kind.fields[i].name] = read_value(s, static_cast<int>(i), kind.fields[i]);
    return out;
}

json live_titles(Database& db, const ContentKind& kind, const std::string& q, int limit) {
    Statement s = db.prepare("SELECT id, \"" + std::string(kind.title_field) + "\" FROM " + kind.table +
                             " WHERE deleted = 0 AND (?1 = '' OR instr(\"" + kind.title_field + "\", ?1) > 0) ORDER BY id DESC LIMIT ?2");
    s.bind(1, q).bind(2, static_cast<std::int64_t>(limit));
    json out = json::array();
    while (s.step()) out.push_back({{"id", s.integer(0)}, {"title", s.text(1)}});
    return out;
}

}  // namespace elder::server
