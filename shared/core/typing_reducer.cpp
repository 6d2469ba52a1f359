// Typing: the pinyin initials of the search page, the browser's text input over a field, and the
// on-screen keypad of the kiosk and the TV (with the remote's digits).
#include <cctype>

#include "form.hpp"
#include "overloaded.hpp"
#include "reducer.hpp"

namespace elder {
namespace {

constexpr size_t kMaxLetters = 12;  // longer than any title's run of initials worth typing

void type_letter(State& state, char letter) {
    const char c = static_cast<char>(std::tolower(static_cast<unsigned char>(letter)));
    if (std::isalnum(static_cast<unsigned char>(c)) && state.search_query.size() < kMaxLetters) state.search_query += c;
}

void set_field_text(State& state, const std::string& text) {
    if (state.editing == "keyword") {
        state.keyword = fit_field("keyword", text);  // its length rule is a field rule like the others
    } else if (!state.editing.empty()) {
        elder::set_field_text(state.personal.form, state.editing, text);
    }
}

}  // namespace

bool reduce_typing(State& state, const Action& action, std::vector<Effect>&) {
    return std::visit(
        Overloaded{
            [&](const SearchType& a) { return type_letter(state, a.letter), true; },
            [&](const SearchErase&) {
                if (!state.search_query.empty()) state.search_query.pop_back();
                return true;
            },
            [&](const SearchClear&) {
                state.search_query.clear();
                state.keyword.clear();
                return true;
            },
            [&](const EditField& a) {
                state.editing = a.field;
                if (a.field != "keyword") state.personal.form.active = a.field;
                return true;
            },
            [&](const SetFieldText& a) { return set_field_text(state, a.text), true; },
            [&](const EndEditing&) { return state.editing.clear(), true; },
            [&](const FocusField& a) { return state.personal.form.active = a.field, true; },
            [&](const KeypadPress& a) { return press_key(state.personal.form, a.key), true; },
            [&](const auto&) { return false; },
        },
        action);
}

}  // namespace elder
