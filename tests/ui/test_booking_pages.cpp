// The booking pages with the reference server's answers (fixtures): the numbers on every surface,
// a kiosk booking by touch alone (keypad taps), the TV's bound and unbound box, cancel and undo.
#include <catch2/catch.hpp>

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <tuple>
#include <vector>

#include "../unit/fixture.hpp"
#include "core/personal_reducer.hpp"
#include "fixture_clock.hpp"
#include "page_checks.hpp"

using namespace elder;
using namespace elder::test;

namespace {

// A sign-in that lasts a month from the tests' clock.
std::string token_answer() { return R"({"token":"T1","expires_at":")" + fixture_time("10:00", 30) + R"("})"; }
const char* kBoundBox =
    R"({"id":7,"kind":"stb","serial":"STB-1","bound":true,"household_name":"王家","household_phone":"13900139000"})";

// Taps an item as a finger would: after scrolling the page until it is on screen.
void tap(HeadlessUi& ui, const std::string& id) {
    INFO(id);
    const SemNode* n = find_node(ui.app, id);
    REQUIRE(n);
    if (!n->visible) {
        const Rect& view = ui.app.semantics().viewport();
        ui.app.dispatch(ScrollTo{ui.app.state().scrolled() + n->rect.y - view.y - view.h / 3});
        ui.frame();
        n = find_node(ui.app, id);
        REQUIRE(n);
        REQUIRE(n->visible);
    }
    ui.tap(n->rect.center_x(), n->rect.center_y());
}

void type_on_keypad(HeadlessUi& ui, const std::string& digits) {
    for (char c : digits) tap(ui, std::string("keypad.") + (c == 'X' ? std::string("x") : std::string(1, c)));
}

// Schedules, slots and my appointment as the server sends them.
void load_booking(HeadlessUi& ui) {
    ui.app.dispatch(CacheRead{{Resource::Schedules}, std::nullopt});
    ui.app.dispatch(HttpDone{{Resource::Schedules}, 200, fixture("schedules"), "", ""});
    ui.app.dispatch(CallDone{Call::Slots, 1, 200, fixture("slots")});
    ui.app.dispatch(CallDone{Call::Appointments, 0, 200, fixture("appointments")});
    ui.app.dispatch(CallDone{Call::HelpRequests, 0, 200, "{\"items\":[" + fixture("help_request") + "]}"});
}

// Signed in (kiosk, browser) or a bound box (TV), with everything loaded and the demo alert confirmed.
void ready(HeadlessUi& ui) {
    if (ui.app.profile().surface == Surface::Tv) {
        ui.app.dispatch(CallDone{Call::RegisterDevice, 0, 201, R"({"id":7,"kind":"stb","serial":"STB-1","bound":false,"token":"D7"})"});
        ui.app.dispatch(CallDone{Call::DeviceStatus, 0, 200, kBoundBox});
    } else {
        ui.app.dispatch(OpenScreen{Screen::SignIn, ""});
        ui.app.dispatch(CallDone{Call::SignIn, 0, 200, token_answer()});
    }
    ui.app.dispatch(GoHome{});
    ui.app.dispatch(OpenScreen{Screen::BookDate, "1"});  // the slots asked for are schedule 1's
    load_booking(ui);
    ui.app.dispatch(GoHome{});
    ui.frame();
}

// The first slot of the fixtures (the first working day after the day they were taken).
nlohmann::json first_slot() { return nlohmann::json::parse(fixture("slots")).at("items").at(0); }
std::string first_slot_day() { return first_slot().at("start").get<std::string>().substr(0, 10); }

struct PageCase {
    Screen screen;
    std::string arg;
};
// Built when a test runs: the slot page names the fixtures' first day.
std::vector<PageCase> pages() {
    return {
        {Screen::Appointments, ""}, {Screen::BookDate, "1"}, {Screen::BookSlot, "1/" + first_slot_day()}, {Screen::BookWho, "1"},
        {Screen::BookReview, "1"},  {Screen::Ticket, "1"},   {Screen::MyAppointments, ""},      {Screen::CancelConfirm, "1"},
        {Screen::Sos, ""},          {Screen::SosConfirm, ""}, {Screen::HelpForm, "repair"},     {Screen::HelpSent, "1"},
        {Screen::MyRequests, ""},   {Screen::Attract, ""},
    };
}

}  // namespace

TEST_CASE("every booking and help page meets the numbers on every surface, at every text size, in both themes") {
    for (const SurfaceCase& c : surface_cases())
        for (const PageCase& page : pages())
            for (int size : {0, 2})
                for (bool contrast : {false, true}) {
                    INFO(describe(c) << " " << screen_name(page.screen) << " size " << size << " contrast " << contrast);
                    HeadlessUi ui(c.surface, c.w, c.h);
                    ready(ui);
                    ui.app.dispatch(SetTextSize{size});
                    ui.app.dispatch(SetHighContrast{contrast});
                    ui.app.dispatch(OpenScreen{page.screen, page.arg});
                    if (page.screen == Screen::BookDate) load_booking(ui);  // the page asked again
                    ui.frame();
                    ui.frame();
                    REQUIRE(ui.app.state().route.screen == page.screen);
                    check_numbers(ui, c);
                    check_reachable_by_arrows(ui);
                    ui.key(RemoteKey::Back);
                    CHECK(ui.app.state().route.screen != page.screen);
                }
}

TEST_CASE("the sign-in page with its keypad meets the numbers on touch surfaces") {
    for (const SurfaceCase& c : surface_cases()) {
        if (c.surface == Surface::Tv) continue;  // a box never signs in: it is bound by staff
        for (int size : {0, 2}) {
            INFO(describe(c) << " size " << size);
            HeadlessUi ui(c.surface, c.w, c.h);
            ui.app.dispatch(SetTextSize{size});
            ui.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
            ui.frame();
            ui.frame();
            REQUIRE(ui.app.state().route.screen == Screen::SignIn);
            CHECK((find_node(ui.app, "keypad.0") != nullptr) == (c.surface == Surface::Kiosk));
            check_numbers(ui, c);
            check_reachable_by_arrows(ui);
        }
    }
}

namespace {
// Nodes whose label holds `digits`: where a passer-by could read them.
int shown_whole(const HeadlessUi& ui, const std::string& digits) {
    int n = 0;
    for (const SemNode& node : ui.app.semantics().nodes()) n += node.label.find(digits) != std::string::npos;
    return n;
}
}  // namespace

// Issue 16 item 10: on a kiosk the keypad comes before the action (the last digit typed, the finger
// moves on down to 获取验证码 / 登录), a box to type into is drawn as a box (page-coloured, outlined,
// unlike the buttons), and a phone number shows whole only while it is typed.
TEST_CASE("kiosk sign-in: the action under the keypad and boxes that look like boxes") {
    for (const SurfaceCase& c : surface_cases()) {
        if (c.surface != Surface::Kiosk) continue;
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        ui.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
        ui.frame();
        ui.frame();
        REQUIRE(ui.app.state().route.screen == Screen::SignIn);
        const SemNode* key = find_node(ui.app, "keypad.0");
        REQUIRE(key);
        for (const char* id : {"sign_in.send_code", "sign_in.submit"}) {
            INFO(id);
            REQUIRE(find_node(ui.app, id));
            CHECK(find_node(ui.app, id)->rect.y >= key->rect.bottom());
        }
        const Palette& p = ui.app.palette();
        for (const char* id : {"field.phone", "field.code"}) {
            INFO(id);
            const SemNode* box = find_node(ui.app, id);
            REQUIRE(box);
            CHECK(box->role == Role::Textbox);
            CHECK(box->bg == p.background);  // not a button's fill ...
            CHECK_FALSE(box->bg == find_node(ui.app, "sign_in.submit")->bg);
            CHECK(outline_drawn(ui, box->rect, p.text_muted));  // ... but an outlined box
            CHECK(contrast_ratio(p.text_muted, p.background) >= 3.0);
        }
    }
}

TEST_CASE("a phone number shows whole only while it is typed: on a kiosk and in a browser") {
    HeadlessUi kiosk(Surface::Kiosk, 1080, 1920);
    kiosk.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
    kiosk.frame();
    type_on_keypad(kiosk, "13812345678");
    CHECK(find_node(kiosk.app, "field.phone")->label.find("13812345678") != std::string::npos);
    tap(kiosk, "field.code");  // the visitor moves on to the code
    CHECK(find_node(kiosk.app, "field.phone")->label == "138****5678");
    CHECK(shown_whole(kiosk, "13812345678") == 0);
    tap(kiosk, "field.phone");  // back to correct it: whole again
    CHECK(find_node(kiosk.app, "field.phone")->label.find("13812345678") != std::string::npos);

    HeadlessUi browser(Surface::Browser, 360, 640);
    browser.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
    browser.app.dispatch(EditField{"phone"});
    browser.app.dispatch(SetFieldText{"13812345678"});
    browser.frame();
    CHECK(find_node(browser.app, "field.phone")->label == "13812345678");
    browser.app.dispatch(EndEditing{});
    browser.frame();
    CHECK(find_node(browser.app, "field.phone")->label == "138****5678");
    CHECK(shown_whole(browser, "13812345678") == 0);
}

TEST_CASE("a kiosk visitor books by touch alone: service, day, time, keypad sign-in, who, review, ticket") {
    HeadlessUi ui(Surface::Kiosk, 1080, 1920);
    ui.frame();
    tap(ui, "tile.appointments");
    REQUIRE(ui.app.state().route.screen == Screen::Appointments);
    ui.app.dispatch(CacheRead{{Resource::Schedules}, std::nullopt});
    ui.app.dispatch(HttpDone{{Resource::Schedules}, 200, fixture("schedules"), "", ""});
    ui.frame();
    CHECK(find_node(ui.app, "booking.service.1.title")->label == "养老金资格认证");
    tap(ui, "booking.service.1");
    REQUIRE(ui.app.state().route == (Route{Screen::BookDate, "1"}));
    CHECK(find_node(ui.app, "page.notice"));  // 正在加载 until the slots arrive
    ui.app.dispatch(CallDone{Call::Slots, 1, 200, fixture("slots")});
    ui.frame();
    // Today has no slots in the fixture (booking opens the next day): dimmed, the reason in words,
    // and not a button.
    const SemNode* today = find_node(ui.app, "booking.day." + fixture_day());
    REQUIRE(today);
    CHECK(today->label.find("当天不能预约") != std::string::npos);
    CHECK_FALSE(today->action);
    const std::string day = "booking.day." + first_slot_day();
    REQUIRE(find_node(ui.app, day + ".detail"));
    CHECK(find_node(ui.app, day + ".detail")->label.find("名额") != std::string::npos);
    tap(ui, day);
    REQUIRE(ui.app.state().route.screen == Screen::BookSlot);
    tap(ui, "booking.slot." + std::to_string(first_slot().at("id").get<int>()));
    REQUIRE(ui.app.state().route.screen == Screen::SignIn);  // who you are, before who is coming

    type_on_keypad(ui, "13800000001");
    CHECK(find_node(ui.app, "field.phone")->label.find("13800000001") != std::string::npos);
    ui.app.take_effects();
    tap(ui, "sign_in.send_code");
    bool asked = false;
    for (const Effect& e : ui.app.take_effects())
        if (const auto* h = std::get_if<HttpSend>(&e)) asked |= h->call == Call::SendCode;
    CHECK(asked);
    ui.app.dispatch(CallDone{Call::SendCode, 0, 202, "{}"});
    ui.frame();
    CHECK(find_node(ui.app, "form.notice"));
    type_on_keypad(ui, "123456");
    tap(ui, "sign_in.submit");
    ui.app.dispatch(CallDone{Call::SignIn, 0, 200, token_answer()});
    ui.frame();
    ui.frame();
    REQUIRE(ui.app.state().route == (Route{Screen::BookWho, "1"}));
    // The booking is for the phone just signed in with: shown, with nothing to type it into.
    REQUIRE(find_node(ui.app, "booking.who.phone"));
    CHECK(find_node(ui.app, "booking.who.phone")->label.find("138****0001") != std::string::npos);
    CHECK_FALSE(find_node(ui.app, "field.phone"));

    tap(ui, "booking.next");  // nothing filled in: said in plain words, nothing sent
    REQUIRE(find_node(ui.app, "form.error"));
    CHECK(find_node(ui.app, "form.error")->label.find("还没有填写") != std::string::npos);
    ui.app.dispatch(EditField{"name"});  // the system keyboard types the name (the text agent)
    ui.app.dispatch(SetFieldText{"王秀英"});
    ui.app.dispatch(EndEditing{});
    ui.frame();
    tap(ui, "field.id_number");
    type_on_keypad(ui, "11010519491231002X");
    CHECK(find_node(ui.app, "field.id_number")->label.find("11010519491231002X") != std::string::npos);  // whole while typed
    ui.app.dispatch(EditField{"name"});  // the visitor goes back to the name: the ID number is left
    ui.frame();
    CHECK(find_node(ui.app, "field.id_number")->label == "110105********002X");
    ui.app.dispatch(EndEditing{});
    tap(ui, "booking.next");
    REQUIRE(ui.app.state().route.screen == Screen::BookReview);
    CHECK(find_node(ui.app, "review.id_number")->label.find("110105********002X") != std::string::npos);
    CHECK(find_node(ui.app, "review.phone")->label.find("138****0001") != std::string::npos);

    tap(ui, "booking.confirm");
    ui.app.dispatch(CallDone{Call::Book, 0, 201, fixture("appointment")});
    ui.frame();
    ui.frame();
    REQUIRE(ui.app.state().route == (Route{Screen::Ticket, "1"}));
    const std::string code = nlohmann::json::parse(fixture("appointment")).at("code");
    CHECK(find_node(ui.app, "ticket.code")->label.find(code) != std::string::npos);
    CHECK(find_node(ui.app, "ticket.code")->text_px >= ui.app.profile().heading_px);
    CHECK(find_node(ui.app, "ticket.qr"));
    // A kiosk has a printer: the ticket opens on 打印凭证, never on 取消预约.
    CHECK(ui.app.semantics().focusable(ui.app.state().focused()).id == "ticket.print");
    CHECK(find_node(ui.app, "ticket.materials.0"));
    ui.key(RemoteKey::Back);  // Back from the ticket leads out of the booking, not into it again
    CHECK(ui.app.state().route.screen == Screen::Appointments);
}

TEST_CASE("cancelling asks first, keeps the safe choice first, and offers the undo") {
    HeadlessUi ui(Surface::Kiosk, 1920, 1080);
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    tap(ui, "ticket.cancel");
    REQUIRE(ui.app.state().route.screen == Screen::CancelConfirm);
    ui.frame();
    CHECK(ui.app.semantics().focusable(ui.app.state().focused()).id == "cancel.keep");
    tap(ui, "cancel.confirm");
    auto cancelled = nlohmann::json::parse(fixture("appointment"));
    cancelled["status"] = "cancelled";
    cancelled["cancelled_at"] = fixture_time("09:28");  // two minutes before the test's clock
    ui.app.dispatch(CallDone{Call::Cancel, 1, 200, cancelled.dump()});
    ui.frame();
    ui.frame();
    REQUIRE(ui.app.state().route == (Route{Screen::Ticket, "1"}));
    CHECK(find_node(ui.app, "ticket.headline")->label.find("已取消") != std::string::npos);
    CHECK(find_node(ui.app, "ticket.restore"));
    CHECK_FALSE(find_node(ui.app, "ticket.qr"));  // a cancelled ticket has nothing to scan

    cancelled["cancelled_at"] = fixture_time("09:15");  // 15 minutes ago: too late to undo
    ui.app.dispatch(CallDone{Call::Cancel, 1, 200, cancelled.dump()});
    ui.frame();
    CHECK_FALSE(find_node(ui.app, "ticket.restore"));
}

TEST_CASE("a TV box books with no typing once bound, unbound it says how to get bound") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ui.app.dispatch(CallDone{Call::RegisterDevice, 0, 201,
                             R"({"id":7,"kind":"stb","serial":"STB-1","bound":false,"household_name":null,"token":"D7"})"});
    ui.app.dispatch(OpenScreen{Screen::BookDate, "1"});
    load_booking(ui);
    ui.app.dispatch(OpenScreen{Screen::BookWho, "1"});
    ui.app.dispatch(CallDone{Call::DeviceStatus, 0, 200, R"({"id":7,"kind":"stb","serial":"STB-1","bound":false})"});
    ui.frame();
    ui.frame();
    const SemNode* notice = find_node(ui.app, "device.notice");
    REQUIRE(notice);
    CHECK(notice->label.find("还没有和您家绑定") != std::string::npos);
    CHECK(notice->label.find("设备编号 7") != std::string::npos);
    CHECK_FALSE(find_node(ui.app, "booking.next"));

    ui.app.dispatch(CallDone{Call::DeviceStatus, 0, 200,
                             R"({"id":7,"kind":"stb","serial":"STB-1","bound":true,"household_name":"王家","household_phone":"13900139000"})"});
    ui.frame();
    CHECK(find_node(ui.app, "booking.who.name")->label.find("王家") != std::string::npos);
    CHECK_FALSE(find_node(ui.app, "field.name"));  // nothing to type on a TV
    ui.key(RemoteKey::Ok);  // focus starts on 下一步 (the only item after Back)
    REQUIRE(ui.app.state().route.screen == Screen::BookReview);
    ui.app.take_effects();
    ui.key(RemoteKey::Ok);
    bool booked = false;
    for (const Effect& e : ui.app.take_effects())
        if (const auto* h = std::get_if<HttpSend>(&e)) booked |= h->call == Call::Book && h->token == "D7";
    CHECK(booked);
}


TEST_CASE("SOS takes two deliberate steps: a second OK on the same spot sends nothing") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    ui.key(RemoteKey::Digit7);
    REQUIRE(ui.app.state().route.screen == Screen::Sos);
    CHECK(find_node(ui.app, "help.hotline"));  // whom to call is always on the page
    CHECK(ui.app.semantics().focusable(ui.app.state().focused()).id == "sos.start");
    ui.key(RemoteKey::Ok);
    REQUIRE(ui.app.state().route.screen == Screen::SosConfirm);
    ui.app.take_effects();
    ui.key(RemoteKey::Ok);  // the stray second press lands on 不用了
    for (const Effect& e : ui.app.take_effects()) CHECK_FALSE(std::holds_alternative<HttpSend>(e));
    CHECK(ui.app.state().route.screen == Screen::Sos);
    ui.key(RemoteKey::Ok);
    ui.key(RemoteKey::Down);  // the deliberate way: move to 发出紧急求助 under 不用了, then OK
    CHECK(ui.app.semantics().focusable(ui.app.state().focused()).id == "sos.confirm");
    ui.key(RemoteKey::Ok);
    bool sent = false;
    for (const Effect& e : ui.app.take_effects())
        if (const auto* h = std::get_if<HttpSend>(&e)) sent |= h->call == Call::AskHelp && h->body == R"({"kind":"sos"})";
    CHECK(sent);
    auto answer = nlohmann::json::parse(fixture("help_request"));
    answer["kind"] = "sos";
    ui.app.dispatch(CallDone{Call::AskHelp, 0, 201, answer.dump()});
    ui.frame();
    ui.frame();
    REQUIRE(ui.app.state().route.screen == Screen::HelpSent);
    CHECK(find_node(ui.app, "help.ticket")->label.find(answer["ticket"].get<std::string>()) != std::string::npos);
    ui.key(RemoteKey::Back);  // not back into the confirmation
    CHECK(ui.app.state().route.screen == Screen::Sos);
}

// Issue 16 item 9: the answers are full-width tiles, not small buttons under an empty screen, and
// every number to call stands whole on a line of its own (急救 and 120 never apart).
TEST_CASE("SOS: full-width answers and one number to a line on every surface at every text size") {
    for (const SurfaceCase& c : surface_cases())
        for (int size : {0, 2}) {
            INFO(describe(c) << " size " << size);
            HeadlessUi ui(c.surface, c.w, c.h, "zh-CN", c.surface == Surface::Tv ? "STB-1" : "");
            ready(ui);
            ui.app.dispatch(CacheRead{{Resource::Site}, std::nullopt});
            ui.app.dispatch(HttpDone{{Resource::Site}, 200, fixture("site"), "", ""});
            ui.app.dispatch(SetTextSize{size});
            for (Screen screen : {Screen::Sos, Screen::SosConfirm}) {
                ui.app.dispatch(OpenScreen{screen, ""});
                ui.frame();
                ui.frame();
                REQUIRE(ui.app.state().route.screen == screen);
                REQUIRE(find_node(ui.app, "help.hotline"));
                const float width = find_node(ui.app, "help.hotline")->rect.w;  // the content's width
                for (const char* id : {"sos.start", "sos.cancel", "sos.confirm"}) {
                    const SemNode* n = find_node(ui.app, id);
                    if (!n) continue;
                    INFO(id);
                    CHECK(n->rect.w >= width - 1);
                    CHECK(n->rect.h >= c.min_target_h * 1.5f);
                }
                for (const auto& [id, number] : {std::pair{"community", "010-6688 1234"}, std::pair{"ambulance", "120"},
                                                 std::pair{"police", "110"}, std::pair{"fire", "119"}}) {
                    const SemNode* n = find_node(ui.app, std::string("help.number.") + id);
                    INFO(id);
                    REQUIRE(n);
                    CHECK(n->label.find(number) != std::string::npos);
                    CHECK(n->rect.h <= n->text_px * 1.5f + 0.5f);  // one line
                    CHECK(n->text_px >= c.min_body * text_scale(size) - 0.01f);
                }
                check_numbers(ui, c);
            }
            CHECK(find_node(ui.app, "sos.cancel")->rect.y < find_node(ui.app, "sos.confirm")->rect.y);  // the safe one first
            ui.app.dispatch(GoBack{});
        }
}

namespace {
nlohmann::json catalogue(const std::string& path) {
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/" + path);
    REQUIRE(in);
    return nlohmann::json::parse(in);
}
}  // namespace

// Issue 16 item 9: one action, one word. 紧急求助 (Emergency help) names the SOS everywhere: the
// tile, the page, its buttons, the request's kind and the staff console; never 紧急帮助 or 呼叫.
TEST_CASE("the SOS action has one name in every catalogue and in the staff console") {
    const auto zh = catalogue("assets/strings/zh-CN.json"), en = catalogue("assets/strings/en.json");
    const auto staff_zh = catalogue("web/staff/strings/zh-CN.json"), staff_en = catalogue("web/staff/strings/en.json");
    for (const auto* c : {&zh, &staff_zh})
        for (const auto& [key, value] : c->items()) {
            INFO(key << ": " << value);
            const std::string text = value.get<std::string>();
            CHECK(text.find("紧急帮助") == std::string::npos);
            CHECK(text.find("呼叫") == std::string::npos);
        }
    for (const char* key : {"tile.sos", "help.sos", "help.sos_yes", "help.kind.sos"}) {
        INFO(key);
        CHECK(zh[key].get<std::string>().find("紧急求助") != std::string::npos);
        std::string words = en[key].get<std::string>();
        for (char& ch : words) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        CHECK(words.find("emergency help") != std::string::npos);
    }
    CHECK(staff_zh["kind.sos"] == zh["help.kind.sos"]);
    CHECK(staff_en["kind.sos"] == en["help.kind.sos"]);
    for (const auto* c : {&en, &staff_en})
        for (const auto& [key, value] : c->items()) {
            INFO(key << ": " << value);
            CHECK(value.get<std::string>().find("SOS") == std::string::npos);
        }
}

TEST_CASE("an unbound box shows whom to call instead of the SOS button") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ui.app.dispatch(CallDone{Call::RegisterDevice, 0, 201, R"({"id":7,"kind":"stb","serial":"STB-1","bound":false,"token":"D7"})"});
    ui.key(RemoteKey::Digit7);
    CHECK(find_node(ui.app, "help.hotline"));
    CHECK(find_node(ui.app, "help.unbound"));
    CHECK_FALSE(find_node(ui.app, "sos.start"));
}

TEST_CASE("a kiosk asks 还需要更多时间吗 20 s before the idle end, then forgets its visitor and shows the attract screen") {
    HeadlessUi ui(Surface::Kiosk, 1080, 1920);
    ui.app.tick(0);
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::BookWho, "1"});
    ui.app.dispatch(EditField{"name"});
    ui.app.dispatch(SetFieldText{"王秀英"});
    ui.app.dispatch(EndEditing{});
    ui.app.dispatch(SearchType{'y'});
    ui.frame();
    REQUIRE(ui.app.state().personal.token == "T1");

    ui.app.tick(99000);  // 120 s is the site's default; 21 s left: no warning yet
    ui.frame();
    CHECK_FALSE(find_node(ui.app, "idle.question"));
    ui.app.tick(100500);
    ui.frame();
    REQUIRE(find_node(ui.app, "idle.question"));
    CHECK(find_node(ui.app, "idle.countdown")->label.find("20 秒") != std::string::npos);
    CHECK(ui.app.semantics().focusable_count() == 1);  // one large 继续使用, nothing else
    CHECK(idle_deadline_ms(ui.app.state()) <= 1000);    // the countdown wants a frame each second
    const SemNode* keep = find_node(ui.app, "idle.continue");
    ui.tap(keep->rect.center_x(), keep->rect.center_y());
    CHECK_FALSE(find_node(ui.app, "idle.question"));
    CHECK(ui.app.state().route.screen == Screen::BookWho);  // 继续使用 keeps everything
    CHECK(ui.app.state().personal.form.fields.at("name") == "王秀英");

    ui.app.take_effects();
    ui.app.tick(100500 + 120000);  // untouched for the whole idle time
    ui.frame();
    const State& s = ui.app.state();
    CHECK(s.route.screen == Screen::Attract);
    CHECK(s.back_stack.empty());
    CHECK(s.personal.token.empty());
    CHECK(s.personal.phone.empty());
    CHECK(s.personal.form.fields.empty());
    CHECK(s.personal.appointments.empty());
    CHECK(s.personal.requests.empty());
    CHECK(s.search_query.empty());
    for (const auto& [page, focus] : s.focus) CHECK(page == "attract");  // no place of the visitor's is remembered
    bool removed = false;
    for (const Effect& e : ui.app.take_effects())
        if (const auto* r = std::get_if<RemoveCache>(&e)) removed |= r->key == "account";
    CHECK(removed);
    const nlohmann::json report = ui.app.report();
    CHECK(report.dump().find("王秀英") == std::string::npos);  // nothing of the visitor anywhere in the state
    CHECK(report.dump().find("T1") == std::string::npos);
    CHECK(idle_deadline_ms(ui.app.state()) == -1);  // the attract screen waits for the next visitor

    tap(ui, "attract.start");
    CHECK(ui.app.state().route.screen == Screen::Home);
}

// Issue 16 item 12: the attract screen is not a blank page with a line of text to guess from: a
// large 开始使用 (focused) and 紧急求助 under it fill it, on a kiosk either way round, at any text size.
TEST_CASE("the attract screen: a large 开始使用 and 紧急求助 instead of a blank screen") {
    for (const SurfaceCase& c : surface_cases()) {
        if (c.surface != Surface::Kiosk) continue;
        for (int size : {0, 2}) {
            INFO(describe(c) << " size " << size);
            HeadlessUi ui(c.surface, c.w, c.h);
            ui.app.dispatch(SetTextSize{size});
            ui.app.dispatch(EndSession{});
            ui.frame();
            ui.frame();
            REQUIRE(ui.app.state().route.screen == Screen::Attract);
            const SemNode* start = find_node(ui.app, "attract.start");
            const SemNode* sos = find_node(ui.app, "attract.sos");
            REQUIRE(start);
            REQUIRE(sos);
            CHECK(start->focused);
            const float width = find_node(ui.app, "attract.community")->rect.w;  // the content's width
            const bool beside = c.w > c.h;  // landscape: side by side; portrait: one under the other
            CHECK(start->rect.w >= width * (beside ? 0.55f : 1.0f) - 1);
            CHECK(start->rect.h >= c.min_target_h * 2);
            CHECK(start->text_px > ui.app.profile().tile_label_px);  // larger than a home tile's words
            CHECK(sos->rect.w >= width * (beside ? 0.35f : 1.0f) - 1);
            CHECK(sos->rect.h >= c.min_target_h * 1.5f);
            CHECK(sos->bg == ui.app.palette().sos_tile);
            CHECK((beside ? sos->rect.x > start->rect.right() : sos->rect.y > start->rect.bottom()));
            float bottom = 0;
            for (const SemNode& n : ui.app.semantics().nodes()) bottom = std::max(bottom, n.rect.bottom());
            CHECK(bottom >= c.h * 0.75f);  // the screen is used, not left blank under a line of text
            CHECK(sos->rect.bottom() <= c.h);  // and nothing to scroll to find either button
            check_numbers(ui, c);
            check_reachable_by_arrows(ui);
            tap(ui, "attract.sos");
            CHECK(ui.app.state().route.screen == Screen::Sos);
        }
    }
}

TEST_CASE("结束 on a kiosk ends the visit at once, TVs and browsers have no idle timer") {
    HeadlessUi kiosk(Surface::Kiosk, 1920, 1080);
    ready(kiosk);
    kiosk.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
    kiosk.frame();
    const SemNode* end = find_node(kiosk.app, "session.end");
    REQUIRE(end);
    kiosk.tap(end->rect.center_x(), end->rect.center_y());
    CHECK(kiosk.app.state().route.screen == Screen::Attract);
    CHECK(kiosk.app.state().personal.token.empty());

    for (Surface surface : {Surface::Tv, Surface::Browser}) {
        HeadlessUi ui(surface, 1280, 800);
        ready(ui);
        ui.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
        ui.app.tick(10 * 3600 * 1000.0);
        ui.frame();
        CHECK(ui.app.state().route.screen == Screen::MyAppointments);
        CHECK_FALSE(find_node(ui.app, "session.end"));
    }
}

TEST_CASE("an appointment the community cancelled says so and why on the ticket and in my appointments") {
    HeadlessUi ui(Surface::Kiosk, 1080, 1920);
    ready(ui);
    auto closed = nlohmann::json::parse(fixture("appointment"));
    closed["status"] = "cancelled";
    closed["cancelled_at"] = fixture_time("08:00");
    closed["cancel_reason"] = "工作人员外出培训，请改约其他时间";
    ui.app.dispatch(CallDone{Call::Appointments, 0, 200, "{\"items\":[" + closed.dump() + "]}"});
    ui.app.dispatch(OpenScreen{Screen::MyAppointments, ""});
    ui.frame();
    ui.frame();
    const auto* row = find_node(ui.app, "mine." + std::to_string(closed["id"].get<std::int64_t>()) + ".detail");
    REQUIRE(row);
    CHECK(row->label.find("社区已取消") != std::string::npos);
    ui.app.dispatch(OpenScreen{Screen::Ticket, std::to_string(closed["id"].get<std::int64_t>())});
    ui.frame();
    ui.frame();
    REQUIRE(find_node(ui.app, "ticket.cancel_reason"));
    CHECK(find_node(ui.app, "ticket.cancel_reason")->label.find("工作人员外出培训") != std::string::npos);
    CHECK_FALSE(find_node(ui.app, "ticket.restore"));  // nothing the resident could undo
}

namespace {

const SemNode& focused_node(const HeadlessUi& ui) { return ui.app.semantics().focusable(ui.app.state().focused()); }

// No text on the page is as large as node `id` (buttons aside: their words are body size anyway).
void check_largest_text(const HeadlessUi& ui, const std::string& id) {
    const SemNode* top = find_node(ui.app, id);
    REQUIRE(top);
    for (const SemNode& n : ui.app.semantics().nodes()) {
        INFO(n.id << " " << n.text_px << " vs " << top->text_px);
        if (n.id != id) CHECK(n.text_px < top->text_px);
    }
}

// The ticket's QR code has 到窗口出示 right under it, no wider than the code.
void check_qr_caption(HeadlessUi& ui) {
    const SemNode* qr = find_node(ui.app, "ticket.qr");
    const SemNode* caption = find_node(ui.app, "ticket.qr_caption");
    REQUIRE(qr);
    REQUIRE(caption);
    CHECK(caption->label == "到窗口出示");
    CHECK(caption->rect.y >= qr->rect.bottom());  // under the code, beside nothing else
    CHECK(caption->rect.y - qr->rect.bottom() < caption->text_px);
    CHECK(caption->rect.x >= qr->rect.x);
    CHECK(caption->rect.right() <= qr->rect.right() + 0.5f);
}

}  // namespace

TEST_CASE("a valid ticket says 预约成功 with the time largest and a captioned QR and opens on its forward action on one TV screen") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    ui.frame();
    const SemNode* headline = find_node(ui.app, "ticket.headline");
    REQUIRE(headline);
    CHECK(headline->label == "预约成功");
    CHECK(headline->role == Role::Heading);
    REQUIRE(find_node(ui.app, "ticket.when"));
    CHECK(find_node(ui.app, "ticket.when")->label.find("星期二 上午9点") != std::string::npos);  // the fixture's 09:00
    check_largest_text(ui, "ticket.when");
    check_qr_caption(ui);
    // 取消预约 is outlined on the page colour, unlike the filled forward action.
    const SemNode* done = find_node(ui.app, "ticket.done");
    const SemNode* cancel = find_node(ui.app, "ticket.cancel");
    REQUIRE(done);
    REQUIRE(cancel);
    CHECK(done->bg == ui.app.palette().tile);
    CHECK(cancel->bg == ui.app.palette().background);
    CHECK(focused_node(ui).id == "ticket.done");  // a box has no printer: 完成 is the way forward
    const Rect& view = ui.app.semantics().viewport();
    for (const SemNode& n : ui.app.semantics().nodes()) {
        INFO(n.id);
        CHECK(n.rect.bottom() <= view.bottom() + 0.5f);  // the whole ticket on one screen: nothing cut off
    }
    ui.key(RemoteKey::Ok);  // the first OK leaves the ticket: it never starts a cancellation
    CHECK(ui.app.state().route.screen != Screen::CancelConfirm);
    CHECK(ui.app.state().route.screen != Screen::Ticket);
}

// Issue 16 item 5 where the ticket is also shown: a kiosk in portrait (it prints it, too) and a phone.
TEST_CASE("the ticket's time is largest and its QR says 到窗口出示 on a kiosk and on a phone") {
    for (const auto& [surface, w, h] : {std::tuple{Surface::Kiosk, 1080.f, 1920.f}, std::tuple{Surface::Browser, 360.f, 640.f}}) {
        INFO(surface_name(surface) << " " << w << "x" << h);
        HeadlessUi ui(surface, w, h);
        ready(ui);
        ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
        ui.frame();
        ui.frame();
        REQUIRE(find_node(ui.app, "ticket.headline"));
        CHECK(find_node(ui.app, "ticket.headline")->label == "预约成功");
        REQUIRE(find_node(ui.app, "ticket.when"));
        check_largest_text(ui, "ticket.when");
        check_qr_caption(ui);
    }
}

TEST_CASE("a ticket opens on its forward action even after 取消预约 was focused on an earlier visit") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    ui.key(RemoteKey::Down);
    REQUIRE(focused_node(ui).id == "ticket.cancel");
    ui.key(RemoteKey::Back);
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    ui.frame();
    CHECK(focused_node(ui).id == "ticket.done");
}

TEST_CASE("a cancelled ticket says 已取消 above everything and is dimmed and offers 恢复预约 with its deadline") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    auto cancelled = nlohmann::json::parse(fixture("appointment"));
    cancelled["status"] = "cancelled";
    cancelled["cancelled_at"] = fixture_time("09:28");  // two minutes before the test's clock
    ui.app.dispatch(CallDone{Call::Appointments, 0, 200, "{\"items\":[" + cancelled.dump() + "]}"});
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    ui.frame();
    REQUIRE(find_node(ui.app, "ticket.headline"));
    CHECK(find_node(ui.app, "ticket.headline")->label == "已取消");
    check_largest_text(ui, "ticket.headline");
    CHECK(find_node(ui.app, "page.title")->label.find("凭证") == std::string::npos);  // no longer a voucher
    const Palette& palette = ui.app.palette();
    for (const char* id : {"ticket.code", "ticket.time", "ticket.service", "ticket.place", "ticket.name"}) {
        INFO(id);
        REQUIRE(find_node(ui.app, id));
        CHECK(find_node(ui.app, id)->fg == palette.text_dim);  // dimmed: it no longer holds
        CHECK(relative_luminance(palette.text_dim) < relative_luminance(palette.text_muted));
    }
    CHECK_FALSE(find_node(ui.app, "ticket.materials.0"));
    REQUIRE(find_node(ui.app, "ticket.restore"));
    CHECK(find_node(ui.app, "ticket.restore")->label == "恢复预约（09:38 前）");
    for (const SemNode& n : ui.app.semantics().nodes()) CHECK(n.label.find("撤销") == std::string::npos);  // no double negative
    CHECK(focused_node(ui).id == "ticket.done");  // not on 恢复预约: a stray OK changes nothing
    const Rect& view = ui.app.semantics().viewport();
    for (const SemNode& n : ui.app.semantics().nodes()) {
        INFO(n.id);
        CHECK(n.rect.right() <= view.right() + 0.5f);  // 恢复预约 is not cut off at the screen's edge
    }
}

// Issue 16 item 3 on the booking pages: the days (fourteen rows), the full slot's new times and a
// cancelled ticket's 恢复预约 were sliced at the TV's bottom edge; after 恢复预约 the ticket changed in
// place and its ✓ 预约成功 was sliced under the pinned title bar.
TEST_CASE("booking pages show whole rows at the bottom and a ticket restored in place is snapped to whole rows") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::BookDate, "1"});
    ui.frame();
    ui.frame();
    CHECK(ui.app.report()["max_scroll"].get<float>() > 0);
    check_no_row_cut_at_the_bottom(ui);
    for (int i = 0; i < 6; ++i) {
        ui.key(RemoteKey::Down);
        INFO("after Down " << i);
        check_no_row_cut_at_the_bottom(ui);
    }

    auto cancelled = nlohmann::json::parse(fixture("appointment"));
    cancelled["status"] = "cancelled";
    cancelled["cancelled_at"] = fixture_time("09:28");
    ui.app.dispatch(CallDone{Call::Appointments, 0, 200, "{\"items\":[" + cancelled.dump() + "]}"});
    ui.app.dispatch(SetTextSize{1});
    ui.app.dispatch(OpenScreen{Screen::Ticket, "1"});
    ui.frame();
    ui.frame();
    check_no_row_cut_at_the_bottom(ui);
    for (int i = 0; i < 8 && focused_node(ui).id != "ticket.restore"; ++i) ui.key(RemoteKey::Down);
    REQUIRE(focused_node(ui).id == "ticket.restore");
    CHECK(focused_node(ui).visible);
    check_no_row_cut_at_the_bottom(ui);
    const float scrolled = ui.app.state().scrolled();
    INFO("scrolled to 恢复预约: " << scrolled);
    // Restored: the same page, now a valid ticket, taller at its top.
    auto booked = nlohmann::json::parse(fixture("appointment"));
    ui.app.dispatch(CallDone{Call::Appointments, 0, 200, "{\"items\":[" + booked.dump() + "]}"});
    for (int i = 0; i < 4; ++i) ui.frame();
    REQUIRE(find_node(ui.app, "ticket.headline"));
    CHECK(find_node(ui.app, "ticket.headline")->label == "预约成功");
    check_no_row_cut_at_the_top(ui.app);
    check_no_row_cut_at_the_bottom(ui);
    REQUIRE(ui.app.semantics().focused());
    CHECK(ui.app.semantics().focused()->visible);
}

TEST_CASE("the review opens on 确认预约 and a full slot strikes the old time and a new one returns to the review") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    const std::string day = first_slot_day();
    ui.app.dispatch(OpenScreen{Screen::BookSlot, "1/" + day});
    ui.app.dispatch(OpenScreen{Screen::BookWho, "1"});
    ui.frame();
    ui.frame();
    ui.key(RemoteKey::Ok);  // 下一步
    REQUIRE(ui.app.state().route == (Route{Screen::BookReview, "1"}));
    CHECK(focused_node(ui).id == "booking.confirm");
    ui.key(RemoteKey::Up);
    ui.key(RemoteKey::Up);
    ui.key(RemoteKey::Back);  // left from elsewhere on the page, then opened again: 确认预约 again
    ui.key(RemoteKey::Ok);
    REQUIRE(ui.app.state().route == (Route{Screen::BookReview, "1"}));
    CHECK(focused_node(ui).id == "booking.confirm");

    ui.key(RemoteKey::Ok);
    auto items = nlohmann::json::parse(fixture("slots")).at("items");
    const nlohmann::json others = nlohmann::json::array({items.at(1), items.at(2)});
    const std::string full = nlohmann::json{{"type", "about:blank"}, {"title", "Slot full"}, {"status", 409},
                                            {"detail", "这个时间段已经约满了，请选择其他时间。"}, {"alternatives", others}}.dump();
    ui.app.dispatch(CallDone{Call::Book, 0, 409, full});
    ui.frame();
    ui.frame();
    const SemNode* old_time = find_node(ui.app, "review.time");
    REQUIRE(old_time);
    CHECK(old_time->label.find("已约满") != std::string::npos);
    CHECK(old_time->fg == ui.app.palette().text_dim);
    CHECK_FALSE(find_node(ui.app, "booking.confirm"));
    const std::string first_other = "review.alternative." + std::to_string(items.at(1).at("id").get<int>());
    CHECK(focused_node(ui).id == first_other);  // the focus is on the first new time, on screen
    CHECK(focused_node(ui).visible);

    ui.key(RemoteKey::Ok);
    const std::string slot = std::to_string(items.at(1).at("id").get<int>());
    REQUIRE(ui.app.state().route == (Route{Screen::BookReview, slot}));
    REQUIRE(find_node(ui.app, "review.time"));
    CHECK(find_node(ui.app, "review.time")->label.find("已约满") == std::string::npos);
    CHECK(find_node(ui.app, "review.time")->fg == ui.app.palette().text);
    CHECK(find_node(ui.app, "form.notice"));  // 时间已经换好
    CHECK(focused_node(ui).id == "booking.confirm");
    ui.app.take_effects();
    ui.key(RemoteKey::Ok);
    bool booked = false;
    for (const Effect& e : ui.app.take_effects())
        if (const auto* h = std::get_if<HttpSend>(&e)) booked |= h->call == Call::Book && h->body.find("\"slot_id\":" + slot) != std::string::npos;
    CHECK(booked);
    ui.key(RemoteKey::Back);  // the full time's review is not on the way back
    CHECK(ui.app.state().route.screen == Screen::BookWho);
}

TEST_CASE("days that cannot be booked are dimmed and say why: 当天不能预约 今天已下班 已约满 这天不办理") {
    HeadlessUi ui(Surface::Tv, 1920, 1080, "zh-CN", "STB-1");
    ready(ui);
    ui.app.dispatch(OpenScreen{Screen::BookDate, "1"});
    // Today's only time began at 08:00 (the clock says 09:30); tomorrow's is full; the day after open.
    const auto slot = [](int id, int day, const char* start, const char* end, int seats) {
        return nlohmann::json{{"id", id}, {"schedule_id", 1}, {"start", fixture_time(start, day)}, {"end", fixture_time(end, day)},
                              {"capacity", 6}, {"seats_left", seats}, {"status", seats ? "free" : "busy"}};
    };
    const nlohmann::json slots{{"items", {slot(91, 0, "08:00", "09:00", 6), slot(92, 1, "09:00", "10:00", 0),
                                          slot(93, 2, "09:00", "10:00", 3)}}};
    ui.app.dispatch(CallDone{Call::Slots, 1, 200, slots.dump()});
    ui.frame();
    ui.frame();
    const auto day = [&](int d) { return find_node(ui.app, "booking.day." + fixture_day(d)); };
    REQUIRE(day(0));
    REQUIRE(day(1));
    REQUIRE(day(3));
    CHECK(day(0)->label.find("今天已下班") != std::string::npos);
    CHECK(day(1)->label.find("已约满") != std::string::npos);
    CHECK(day(3)->label.find("这天不办理") != std::string::npos);
    const Palette& palette = ui.app.palette();
    for (int d : {0, 1, 3}) {
        INFO(d);
        CHECK_FALSE(day(d)->action);
        CHECK(day(d)->fg == palette.text_dim);  // dimmer than the words on open days
        CHECK(day(d)->rect.h < day(2)->rect.h);  // and smaller: the open days draw the eye
    }
    REQUIRE(day(2));
    CHECK(day(2)->action);
    CHECK(find_node(ui.app, "booking.pick_day")->label.find("灰色") == std::string::npos);  // not colour words
}

TEST_CASE("the days open on the first day that can be booked once they arrive: not on 返回") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    ui.app.dispatch(CallDone{Call::RegisterDevice, 0, 201, R"({"id":7,"kind":"stb","serial":"STB-1","bound":false,"token":"D7"})"});
    ui.app.dispatch(CallDone{Call::DeviceStatus, 0, 200, kBoundBox});
    while (const Alert* alert = interrupting_alert(ui.app.state())) ui.app.dispatch(AcknowledgeAlert{alert->id});
    ui.app.dispatch(OpenScreen{Screen::BookDate, "1"});
    ui.frame();
    ui.frame();  // the header only: nothing to focus yet
    load_booking(ui);
    ui.frame();
    ui.frame();
    REQUIRE(ui.app.semantics().focused());
    CHECK(ui.app.semantics().focused()->id.rfind("booking.day.", 0) == 0);
}

TEST_CASE("报平安 is one large button on home for a household that checks in daily - one press and one confirmation on every surface") {
    const std::string today = fixture_time("08:00").substr(0, 10);
    const std::string waiting = R"({"enrolled":true,"day":")" + today + R"(","deadline":"10:00","away_today":false,"checked_in_at":null})";
    for (const SurfaceCase& c : surface_cases())
        for (int size : {0, 2}) {
            INFO(describe(c) << " size " << size);
            HeadlessUi ui(c.surface, c.w, c.h);
            ready(ui);
            ui.app.dispatch(SetTextSize{size});
            ui.frame();
            CHECK_FALSE(find_node(ui.app, "home.check_in"));  // not enrolled: nothing
            ui.app.dispatch(CallDone{Call::CheckInStatus, 0, 200, waiting});
            ui.app.dispatch(GoHome{});
            ui.frame();
            ui.frame();
            const SemNode* button = find_node(ui.app, "home.check_in");
            REQUIRE(button);
            CHECK(button->label == "报平安");
            CHECK(button->visible);
            check_numbers(ui, c);
            // The tiles keep their numbers: the button joins the tree after them.
            CHECK(ui.app.semantics().focus_index_of("home.check_in") >= 9);
            if (c.surface == Surface::Tv) {
                const SemNode* focused = ui.app.semantics().focused();
                REQUIRE(focused);
                CHECK(focused->id == "home.check_in");  // one OK from home
                ui.key(RemoteKey::Ok);
            } else {
                ui.tap(button->rect.center_x(), button->rect.center_y());
            }
            CHECK(ui.app.state().check_in.sending);
            ui.key(RemoteKey::Ok);  // a second press while it goes: nothing more is sent
            ui.app.dispatch(CallDone{Call::CheckIn, 0, 0, ""});  // offline
            ui.frame();
            ui.frame();
            REQUIRE(find_node(ui.app, "home.check_in"));
            const auto& nodes = ui.app.semantics().nodes();
            CHECK(std::any_of(nodes.begin(), nodes.end(), [](const SemNode& n) {  // said, and pressed again
                return n.visible && n.label.find("没有报上，请再按一次") != std::string::npos;
            }));
            ui.app.dispatch(CheckInToday{});
            const std::string done = R"({"enrolled":true,"day":")" + today + R"(","deadline":"10:00","away_today":false,"checked_in_at":")" +
                                     fixture_time("08:05") + R"("})";
            ui.app.dispatch(CallDone{Call::CheckIn, 0, 200, done});
            ui.frame();
            ui.frame();
            CHECK_FALSE(find_node(ui.app, "home.check_in"));
            const SemNode* line = find_node(ui.app, "home.checked_in");
            REQUIRE(line);
            CHECK(line->label.find("今天已报平安") == 0);
            check_numbers(ui, c);
        }
}
