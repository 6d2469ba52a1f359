#pragma once
// The widgets of forms: boxes to type into, the on-screen keypad, sentences under a form, and the
// label-value lines of a review or a ticket.
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "page_context.hpp"

namespace elder {

// A labelled box holding `field`'s text. A tap or OK opens the browser's input over it
// (EditField), or makes it the keypad's field on kiosks and TVs (FocusField). Returns the y below.
float field_box(PageContext& ctx, const std::string& field, const std::string& label, Rect box_area);

// The kiosk's (and TV's) keypad: 1-9, 0, X for ID numbers, 删除 and 清空, in large keys, typing into
// the form's active field. Returns the y below it.
float keypad(PageContext& ctx, float x, float y, float w);

// A form page's fields (field, label) with its error and notice sentences, then `after_fields`
// (its buttons; returns the y below them), and the keypad where the surface types with one: beside
// the fields on wide screens, under them otherwise. Returns the y below everything.
float form_with_keypad(PageContext& ctx, float y, const std::vector<std::pair<std::string, std::string>>& fields,
                       const std::function<float(float x, float y, float w)>& after_fields);

// A sentence under a form: an error (marked 「！」 in the accent colour, so not by colour alone) or
// a notice. Returns its height, 0 when there is nothing to say.
float message_line(PageContext& ctx, const std::string& id, const Message& message, bool error, float x, float y, float w);

// The words of a Message in the current language.
std::string message_text(const PageContext& ctx, const Message& message);

// "label：value" in body text, `w` wide (0: the content width); returns its height.
float fact_line(PageContext& ctx, const std::string& id, const std::string& label, const std::string& value, float y,
                float w = 0);

// A list entry that cannot be chosen (a full day, a full time): dimmed words that say why, not focusable.
float unavailable_row(PageContext& ctx, const std::string& id, const std::string& title, const std::string& detail, float y);

// A button for a secondary action (取消预约): outlined, not filled, at least the surface's target size.
Rect secondary_button(PageContext& ctx, const std::string& id, const std::string& label, ImVec2 pos, const Action& action);

}  // namespace elder
