#include "form.hpp"

#include "validators.hpp"

namespace elder {
namespace {

size_t max_length(std::string_view field) {
    if (field == "phone") return 11;
    if (field == "code") return 6;
    if (field == "id_number") return 18;
    if (field == "name") return 90;     // bytes: 30 Chinese characters
    if (field == "message") return 1500;  // bytes: 500 Chinese characters
    if (field == "keyword") return 120;   // about 40 Chinese characters: a keyword, not an essay
    return 200;
}

// At most `max` bytes, never cutting a character in half.
std::string cut_utf8(const std::string& s, size_t max) {
    if (s.size() <= max) return s;
    size_t end = max;
    while (end > 0 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    return s.substr(0, end);
}

InputError check_code(std::string_view code) {
    if (code.empty()) return InputError::Empty;
    if (code.size() != 6) return InputError::BadCode;
    for (char c : code)
        if (c < '0' || c > '9') return InputError::BadCode;
    return InputError::None;
}

InputError check(std::string_view field, const std::string& value) {
    if (field == "phone") return check_mobile(value);
    if (field == "code") return check_code(value);
    if (field == "id_number") return check_id_number(value);
    if (field == "name") return check_name(value);
    return value.empty() ? InputError::Empty : InputError::None;
}

}  // namespace

bool is_keypad_field(std::string_view field) { return field == "phone" || field == "code" || field == "id_number"; }

void press_key(Form& form, char key) {
    if (!is_keypad_field(form.active)) return;
    std::string& value = form.fields[form.active];
    if (key == '<') {
        if (!value.empty()) value.pop_back();
    } else if (key == 'C') {
        value.clear();
    } else if (value.size() < max_length(form.active)) {
        // X only ends an ID number (its check digit); everything else is digits.
        const bool digit = key >= '0' && key <= '9';
        const bool x = key == 'X' && form.active == "id_number" && value.size() == 17;
        if (digit || x) value += key;
    }
    form.error = {};
}

std::string fit_field(const std::string& field, const std::string& text) {
    std::string value = text;
    if (field == "id_number")
        for (char& c : value) c = c == 'x' ? 'X' : c;
    return cut_utf8(value, max_length(field));
}

void set_field_text(Form& form, const std::string& field, const std::string& text) {
    form.fields[field] = fit_field(field, text);
    form.error = {};
}

FieldProblem check_fields(const Form& form, std::initializer_list<const char*> fields) {
    for (const char* field : fields) {
        const auto it = form.fields.find(field);
        const InputError e = check(field, it == form.fields.end() ? std::string() : it->second);
        if (e != InputError::None) return {field, std::string(input_error_key(e))};
    }
    return {};
}

std::string masked_phone(const std::string& phone) {
    if (phone.size() != 11) return phone;
    return phone.substr(0, 3) + "****" + phone.substr(7);
}

std::string masked_field(std::string_view field, const std::string& value) {
    const size_t front = field == "phone" ? 3 : field == "id_number" ? 6 : value.size();
    const size_t back = 4;
    if (value.size() <= front + back) return value;  // nothing left to hide (or not a private field)
    return value.substr(0, front) + std::string(value.size() - front - back, '*') + value.substr(value.size() - back);
}

}  // namespace elder
