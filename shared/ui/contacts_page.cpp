// Contacts: the community office, police, health centre, property management, elder care and
// the people responsible; the phone number in large digits. OK reads a contact aloud.
#include "pages.hpp"
#include "widgets.hpp"

namespace elder {

void draw_contacts_page(PageContext& ctx) {
    const Rect area = ctx.content();
    float y = page_header(ctx, ctx.strings.text("tile.contacts"));
    const auto& contacts = ctx.state.data.contacts;
    y += data_notice(ctx, contacts.fetch, contacts.value.empty(), "contacts.empty", y);
    const float px = ctx.profile.body_px;
    for (const Contact& c : contacts.value) {
        const std::vector<CardLine> lines{
            {ctx.strings.format("contacts.role_line", {{"organisation", c.organisation}, {"role", c.role}}), px, true},
            {c.name, px},
            {c.phone, ctx.profile.heading_px * 1.15f},  // digits large enough to dial from across the room
            {c.hours.empty() ? "" : ctx.strings.format("contacts.hours", {{"hours", c.hours}}), px, true},
            {c.address.empty() ? "" : ctx.strings.format("contacts.address", {{"address", c.address}}), px, true},
        };
        const std::string spoken = ctx.strings.format(
            "contacts.spoken", {{"organisation", c.organisation}, {"role", c.role}, {"name", c.name}, {"phone", c.phone}});
        y += card(ctx, "contact." + std::to_string(c.id), lines, area.x, y, area.w, ReadAloud{spoken});
        y += ctx.profile.gap * 0.5f;
    }
    ctx.end_page(y);
}

}  // namespace elder
