#pragma once
// The rules of the form fields: what each may hold, what the keypad types into it, how it is checked.
#include <string>
#include <string_view>

#include "personal.hpp"

namespace elder {

// Phone, code and ID number take digits (and X) from the on-screen keypad and the remote's digits;
// names and messages need a keyboard (browsers).
bool is_keypad_field(std::string_view field);

// A keypad key ('0'-'9', 'X', '<' delete, 'C' clear) into the active field, within its length.
void press_key(Form& form, char key);
// Text typed in the browser's input for `field`, cut to the field's length (never mid-character).
std::string fit_field(const std::string& field, const std::string& text);
// ... and put into the form (the search keyword lives outside forms and uses fit_field alone).
void set_field_text(Form& form, const std::string& field, const std::string& text);

// The first field that is not right, with what is wrong (an i18n key); {"", ""} when all are right.
struct FieldProblem {
    std::string field;
    std::string key;
};
FieldProblem check_fields(const Form& form, std::initializer_list<const char*> fields);

// "138****5678": enough for the resident to recognise, too little for a passer-by at a kiosk.
std::string masked_phone(const std::string& phone);

// What a form box shows of `value` when nobody is typing in it: a phone as 138****5678, an ID
// number as 110105********002X (its first six and last four); other fields as they are.
std::string masked_field(std::string_view field, const std::string& value);

}  // namespace elder
