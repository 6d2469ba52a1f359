// Identity and booking in the reducer: what is sent, what the answers change, and that nothing is
// sent twice or kept after the person leaves. The server side is tested over HTTP (tests/server).
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "core/form.hpp"
#include "core/reducer.hpp"

using namespace elder;
using nlohmann::json;

namespace {

State step(State s, const Action& a, std::vector<Effect>& effects) {
    effects.clear();
    return reduce(std::move(s), a, effects);
}

template <class E>
std::vector<E> all_of(const std::vector<Effect>& effects) {
    std::vector<E> out;
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<E>(&e)) out.push_back(*x);
    return out;
}

bool read_cache(const std::vector<Effect>& effects, Resource kind) {
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<ReadCache>(&e); x && x->key.kind == kind) return true;
    return false;
}

const HttpGet* fetched(const std::vector<Effect>& effects, Resource kind) {
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<HttpGet>(&e); x && x->key.kind == kind) return x;
    return nullptr;
}

const HttpSend* sent(const std::vector<Effect>& effects, Call call) {
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<HttpSend>(&e); x && x->call == call) return x;
    return nullptr;
}

const char* kSlots = R"({"items":[
  {"id":11,"schedule_id":3,"start":"2026-11-24T09:00:00+08:00","end":"2026-11-24T10:00:00+08:00","status":"free","capacity":5,"seats_left":2},
  {"id":12,"schedule_id":3,"start":"2026-11-24T10:00:00+08:00","end":"2026-11-24T11:00:00+08:00","status":"busy","capacity":5,"seats_left":0}]})";
const char* kSchedules = R"({"items":[{"id":3,"service":"养老金资格认证","place":"一楼 2 号窗口","active":true,"needs_id_number":true}]})";

std::string appointment_json(std::int64_t id, const std::string& status) {
    return json{{"id", id}, {"code", "K7Q2M9"}, {"service", "养老金资格认证"}, {"place", "一楼 2 号窗口"}, {"status", status},
                {"name", "王秀英"}, {"created", "2026-11-23T10:00:00+08:00"},
                {"cancelled_at", status == "cancelled" ? json("2026-11-23T10:05:00+08:00") : json(nullptr)},
                {"materials", {"身份证"}},
                {"slot", json::parse(kSlots)["items"][0]}}.dump();
}

// A kiosk with today's date and the service's slots, on the date page.
State kiosk_on_dates(std::vector<Effect>& fx) {
    State s;
    s.can = capabilities_of(Surface::Kiosk);
    s.today = "2026-11-23";
    s.client_nonce = "n1";
    s = step(s, OpenScreen{Screen::Appointments, ""}, fx);
    REQUIRE(read_cache(fx, Resource::Schedules));  // a resource like the lists: the offline copy first
    CHECK_FALSE(sent(fx, Call::Appointments));  // nobody signed in: no personal list is asked for
    s = step(s, CacheRead{{Resource::Schedules}, std::nullopt}, fx);
    REQUIRE(fetched(fx, Resource::Schedules));
    CHECK(fetched(fx, Resource::Schedules)->path == "/api/v1/schedules");
    s = step(s, HttpDone{{Resource::Schedules}, 200, kSchedules, "", ""}, fx);
    s = step(s, OpenScreen{Screen::BookDate, "3"}, fx);
    const HttpSend* slots = sent(fx, Call::Slots);
    REQUIRE(slots);
    CHECK(slots->path == "/api/v1/schedules/3/slots?from=2026-11-23&to=2026-12-06");  // 14 days
    return step(s, CallDone{Call::Slots, 3, 200, kSlots}, fx);
}

State signed_in_kiosk_on_who(std::vector<Effect>& fx) {
    State s = kiosk_on_dates(fx);
    s = step(s, OpenScreen{Screen::BookSlot, "3/2026-11-24"}, fx);
    s = step(s, OpenScreen{Screen::BookWho, "11"}, fx);
    REQUIRE(s.route.screen == Screen::SignIn);  // who you are comes first
    for (char c : std::string("13800138000")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SendCode{}, fx);
    s = step(s, CallDone{Call::SendCode, 0, 202, R"({"expires_in_s":300})"}, fx);
    for (char c : std::string("123456")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SignIn{}, fx);
    return step(s, CallDone{Call::SignIn, 0, 200, R"({"token":"T1","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
}

}  // namespace

TEST_CASE("signing in on the kiosk: phone, code, then back to where booking was going") {
    std::vector<Effect> fx;
    State s = kiosk_on_dates(fx);
    s = step(s, OpenScreen{Screen::BookWho, "11"}, fx);
    CHECK(s.route.screen == Screen::SignIn);
    CHECK(s.personal.form.active == "phone");

    for (char c : std::string("1380013")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SendCode{}, fx);
    CHECK(fx.empty());  // 7 digits are not a phone number: said, nothing sent
    CHECK(s.personal.form.error.key == "input.bad_phone");
    for (char c : std::string("80001234")) s = step(s, KeypadPress{c}, fx);
    CHECK(s.personal.form.fields["phone"] == "13800138000");  // the keypad stops at 11 digits
    CHECK(s.personal.form.error.empty());  // typing again clears the complaint
    s = step(s, SendCode{}, fx);
    const HttpSend* otp = sent(fx, Call::SendCode);
    REQUIRE(otp);
    CHECK(json::parse(otp->body) == json{{"phone", "13800138000"}});
    s = step(s, SendCode{}, fx);
    CHECK(fx.empty());  // a second press while the first is on its way sends nothing
    s = step(s, CallDone{Call::SendCode, 0, 202, "{}"}, fx);
    CHECK(s.personal.form.notice.key == "sign_in.code_sent");
    CHECK(s.personal.form.active == "code");

    for (char c : std::string("111111")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SignIn{}, fx);
    REQUIRE(sent(fx, Call::SignIn));
    s = step(s, CallDone{Call::SignIn, 0, 401,
                         R"({"type":"about:blank","title":"Wrong code","status":401,"detail":"验证码不对，还可以再试 4 次。"})"}, fx);
    CHECK(s.personal.form.error.text == "验证码不对，还可以再试 4 次。");  // the server's own sentence
    CHECK(s.personal.form.fields["code"].empty());
    CHECK(s.personal.token.empty());

    for (char c : std::string("123456")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SignIn{}, fx);
    s = step(s, CallDone{Call::SignIn, 0, 200, R"({"token":"T1","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
    CHECK(s.personal.token == "T1");
    CHECK(s.route == Route{Screen::BookWho, "11"});
    CHECK(s.back_stack.back().screen == Screen::BookDate);  // the sign-in page is not behind Back
    CHECK(all_of<WriteCache>(fx).empty());                  // a kiosk keeps no token on disk
    CHECK(s.personal.form.fields["phone"] == "13800138000"); // the who page starts with the phone just proven
}

TEST_CASE("a browser keeps its sign-in, signing out forgets it") {
    std::vector<Effect> fx;
    State s;
    s.can = capabilities_of(Surface::Browser);
    s = step(s, OpenScreen{Screen::MyAppointments, ""}, fx);
    REQUIRE(s.route.screen == Screen::SignIn);
    s = step(s, EditField{"phone"}, fx);
    s = step(s, SetFieldText{"13800138000"}, fx);
    s = step(s, EditField{"code"}, fx);
    s = step(s, SetFieldText{"123456"}, fx);
    s = step(s, SignIn{}, fx);
    s = step(s, CallDone{Call::SignIn, 0, 200, R"({"token":"T2","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
    REQUIRE(all_of<WriteCache>(fx).size() == 1);
    CHECK(all_of<WriteCache>(fx)[0].key == "account");
    CHECK(s.route.screen == Screen::MyAppointments);
    const HttpSend* list = sent(fx, Call::Appointments);
    REQUIRE(list);
    CHECK(list->token == "T2");

    s = step(s, SignOut{}, fx);
    CHECK(s.personal.token.empty());
    CHECK(s.personal.form.fields.empty());
    CHECK(s.route.screen == Screen::Home);
    REQUIRE(sent(fx, Call::SignOut));
    CHECK(sent(fx, Call::SignOut)->token == "T2");
    REQUIRE(all_of<RemoveCache>(fx).size() == 1);
    CHECK(all_of<RemoveCache>(fx)[0].key == "account");
}

TEST_CASE("who is booking is checked before the review, in plain words") {
    std::vector<Effect> fx;
    State s = signed_in_kiosk_on_who(fx);
    s = step(s, SubmitWho{}, fx);
    CHECK(s.route.screen == Screen::BookWho);
    CHECK(s.personal.form.error.key == "input.empty");
    CHECK(s.personal.form.active == "name");
    s = step(s, EditField{"name"}, fx);
    s = step(s, SetFieldText{"王秀英"}, fx);
    s = step(s, EndEditing{}, fx);
    s = step(s, SubmitWho{}, fx);
    CHECK(s.personal.form.active == "id_number");  // this service needs an ID number
    s = step(s, FocusField{"id_number"}, fx);
    for (char c : std::string("11010519491231002")) s = step(s, KeypadPress{c}, fx);
    s = step(s, KeypadPress{'X'}, fx);
    CHECK(s.personal.form.fields["id_number"] == "11010519491231002X");
    s = step(s, SubmitWho{}, fx);
    CHECK(s.route == Route{Screen::BookReview, "11"});
    CHECK(s.personal.form.error.empty());
}

TEST_CASE("a booking is for the signed-in phone, whatever the form holds") {
    std::vector<Effect> fx;
    State s = signed_in_kiosk_on_who(fx);
    s.personal.form.fields["phone"] = "13900000000";  // not something the page lets anyone type
    s.personal.form.fields["name"] = "王秀英";
    s.personal.form.fields["id_number"] = "11010519491231002X";
    s = step(s, SubmitWho{}, fx);
    REQUIRE(s.route.screen == Screen::BookReview);
    s = step(s, Book{}, fx);
    REQUIRE(sent(fx, Call::Book));
    CHECK(json::parse(sent(fx, Call::Book)->body)["phone"] == "13800138000");
}

TEST_CASE("booking sends once with one key, offers other times when full, and ends on the ticket") {
    std::vector<Effect> fx;
    State s = signed_in_kiosk_on_who(fx);
    s.personal.form.fields["name"] = "王秀英";
    s.personal.form.fields["id_number"] = "11010519491231002X";
    s = step(s, SubmitWho{}, fx);
    REQUIRE(s.route.screen == Screen::BookReview);
    const std::string key = s.personal.booking_key;
    CHECK(key.rfind("n1-", 0) == 0);

    s = step(s, Book{}, fx);
    const HttpSend* book = sent(fx, Call::Book);
    REQUIRE(book);
    CHECK(book->idempotency_key == key);
    CHECK(book->token == "T1");
    CHECK(json::parse(book->body) ==
          json{{"slot_id", 11}, {"name", "王秀英"}, {"phone", "13800138000"}, {"id_number", "11010519491231002X"}});
    s = step(s, Book{}, fx);
    CHECK(fx.empty());  // a double tap sends nothing more

    // The answer was lost: trying again repeats the same key, so the server books once.
    s = step(s, CallDone{Call::Book, 0, 0, ""}, fx);
    CHECK(s.personal.form.error.key == "call.offline");
    s = step(s, Book{}, fx);
    REQUIRE(sent(fx, Call::Book));
    CHECK(sent(fx, Call::Book)->idempotency_key == key);

    // Full: the day's other times are offered, and choosing one is a new booking.
    const std::string full = json{{"type", "about:blank"}, {"title", "Slot full"}, {"status", 409},
                                  {"detail", "这个时间段已经约满了，请选择其他时间。"},
                                  {"alternatives", json::parse(kSlots)["items"]}}.dump();
    s = step(s, CallDone{Call::Book, 0, 409, full}, fx);
    CHECK(s.personal.form.error.text == "这个时间段已经约满了，请选择其他时间。");
    CHECK(s.personal.alternatives.size() == 2);
    CHECK(s.personal.booking_key != key);

    s = step(s, Book{}, fx);
    s = step(s, CallDone{Call::Book, 0, 201, appointment_json(40, "booked")}, fx);
    CHECK(s.route == Route{Screen::Ticket, "40"});
    for (const Route& r : s.back_stack)  // Back from the ticket never leads into the finished booking
        CHECK((r.screen == Screen::Home || r.screen == Screen::Appointments));
    CHECK(s.personal.form.fields.empty());  // the name and ID number typed are not kept
    REQUIRE(s.personal.appointments.size() == 1);
    CHECK(s.personal.appointments[0].code == "K7Q2M9");
}

TEST_CASE("cancelling needs a confirmation and can be undone") {
    std::vector<Effect> fx;
    State s = signed_in_kiosk_on_who(fx);
    s = step(s, CallDone{Call::Appointments, 0, 200, "{\"items\":[" + appointment_json(40, "booked") + "]}"}, fx);
    s = step(s, OpenScreen{Screen::Ticket, "40"}, fx);
    s = step(s, OpenScreen{Screen::CancelConfirm, "40"}, fx);
    CHECK(fx.empty());  // opening the question cancels nothing
    s = step(s, CancelAppointment{40}, fx);
    REQUIRE(sent(fx, Call::Cancel));
    CHECK(sent(fx, Call::Cancel)->path == "/api/v1/appointments/40/cancel");
    s = step(s, CallDone{Call::Cancel, 40, 200, appointment_json(40, "cancelled")}, fx);
    CHECK(s.route == Route{Screen::Ticket, "40"});
    CHECK(s.back_stack.back().screen != Screen::Ticket);  // one ticket page, not two
    CHECK(s.personal.appointments[0].status == "cancelled");
    CHECK(s.personal.form.notice.key == "ticket.cancelled_notice");

    s = step(s, RestoreAppointment{40}, fx);
    REQUIRE(sent(fx, Call::Restore));
    CHECK(sent(fx, Call::Restore)->path == "/api/v1/appointments/40/restore");
    s = step(s, CallDone{Call::Restore, 40, 409,
                         R"({"type":"about:blank","title":"Too late","status":409,"detail":"取消已经超过 10 分钟，不能撤销了，请重新预约。"})"}, fx);
    CHECK(s.personal.form.error.text == "取消已经超过 10 分钟，不能撤销了，请重新预约。");
    s = step(s, RestoreAppointment{40}, fx);
    s = step(s, CallDone{Call::Restore, 40, 200, appointment_json(40, "booked")}, fx);
    CHECK(s.personal.appointments[0].status == "booked");
    CHECK(s.personal.form.notice.key == "ticket.restored_notice");
}

TEST_CASE("an expired sign-in asks to sign in again and keeps none of the lists") {
    std::vector<Effect> fx;
    State s = signed_in_kiosk_on_who(fx);
    s = step(s, OpenScreen{Screen::MyAppointments, ""}, fx);
    s = step(s, CallDone{Call::Appointments, 0, 401, R"({"type":"about:blank","title":"x","status":401,"detail":"请先登录。"})"}, fx);
    CHECK(s.route.screen == Screen::SignIn);
    CHECK(s.personal.token.empty());
    CHECK(s.personal.appointments.empty());
    CHECK(s.personal.form.error.key == "sign_in.expired");
    CHECK(s.personal.after_sign_in.screen == Screen::MyAppointments);
}

namespace {

// On the review, name and ID number typed, when the server says the sign-in has expired.
State expired_on_review(std::vector<Effect>& fx) {
    State s = signed_in_kiosk_on_who(fx);
    s.personal.form.fields["name"] = "王秀英";
    s.personal.form.fields["id_number"] = "11010519491231002X";
    s = step(s, SubmitWho{}, fx);
    REQUIRE(s.route == Route{Screen::BookReview, "11"});
    s = step(s, Book{}, fx);
    return step(s, CallDone{Call::Book, 0, 401, R"({"type":"about:blank","title":"x","status":401,"detail":"请先登录。"})"}, fx);
}

State sign_in_as(State s, const std::string& phone, std::vector<Effect>& fx) {
    s.personal.form.fields["phone"] = phone;
    s = step(s, SendCode{}, fx);
    s = step(s, CallDone{Call::SendCode, 0, 202, R"({"expires_in_s":300})"}, fx);
    s.personal.form.fields["code"] = "654321";
    s = step(s, SignIn{}, fx);
    return step(s, CallDone{Call::SignIn, 0, 200, R"({"token":"T2","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
}

}  // namespace

TEST_CASE("a sign-in expiring on the review: the same resident comes back to the review with what they typed") {
    std::vector<Effect> fx;
    State s = expired_on_review(fx);
    CHECK(s.route.screen == Screen::SignIn);
    CHECK(s.personal.token.empty());
    CHECK(s.personal.form.error.key == "sign_in.expired");
    CHECK(s.personal.form.fields["phone"] == "13800138000");  // only a new code is needed
    CHECK(s.personal.form.fields.count("name") == 0);          // not on the sign-in page
    s = sign_in_as(s, "13800138000", fx);
    CHECK(s.route == Route{Screen::BookReview, "11"});
    CHECK(s.personal.form.fields["name"] == "王秀英");
    CHECK(s.personal.form.fields["id_number"] == "11010519491231002X");
    s = step(s, Book{}, fx);
    REQUIRE(sent(fx, Call::Book));
    CHECK(json::parse(sent(fx, Call::Book)->body)["name"] == "王秀英");
}

TEST_CASE("a sign-in expiring on the review: another phone starts the form afresh") {
    std::vector<Effect> fx;
    State s = sign_in_as(expired_on_review(fx), "13900139000", fx);
    CHECK(s.route == Route{Screen::BookWho, "11"});
    CHECK(s.personal.form.fields.count("name") == 0);
    CHECK(s.personal.form.fields.count("id_number") == 0);
    CHECK(s.personal.held_fields.empty());
}

TEST_CASE("a set-top box registers itself, waits to be bound, then books for its household") {
    std::vector<Effect> fx;
    State s;
    s.can = capabilities_of(Surface::Tv);
    s.device.serial = "STB-001";
    s.today = "2026-11-23";
    s = step(s, AppStarted{}, fx);
    bool reads_device = false;
    for (const ReadStored& r : all_of<ReadStored>(fx)) reads_device |= r.key == "device";
    CHECK(reads_device);
    s = step(s, StoredRead{"device", std::nullopt}, fx);
    const HttpSend* reg = sent(fx, Call::RegisterDevice);
    REQUIRE(reg);
    CHECK(json::parse(reg->body) == json{{"kind", "stb"}, {"serial", "STB-001"}});
    s = step(s, CallDone{Call::RegisterDevice, 0, 201,
                         R"({"id":7,"kind":"stb","serial":"STB-001","bound":false,"household_name":null,"token":"D7"})"}, fx);
    REQUIRE(all_of<WriteCache>(fx).size() == 1);
    CHECK(json::parse(all_of<WriteCache>(fx)[0].text) == json{{"token", "D7"}, {"id", 7}});
    REQUIRE(all_of<IdentifyStream>(fx).size() == 1);
    CHECK(all_of<IdentifyStream>(fx)[0].token == "D7");  // its alert stream now says which box it is
    CHECK(acting_token(s).empty());  // not bound: reads everything, acts for nobody

    s = step(s, OpenScreen{Screen::BookWho, "11"}, fx);
    CHECK(s.route.screen == Screen::BookWho);  // no sign-in page on a TV
    s = step(s, CallDone{Call::DeviceStatus, 0, 200, R"({"id":7,"kind":"stb","serial":"STB-001","bound":false})"}, fx);
    s = step(s, SubmitWho{}, fx);
    CHECK(s.route.screen == Screen::BookWho);  // an unbound box goes no further

    s = step(s, RefreshDevice{}, fx);
    REQUIRE(sent(fx, Call::DeviceStatus));
    CHECK(sent(fx, Call::DeviceStatus)->token == "D7");
    s = step(s, CallDone{Call::DeviceStatus, 0, 200,
                         R"({"id":7,"kind":"stb","serial":"STB-001","bound":true,"household_name":"王家","household_phone":"13900139000"})"},
             fx);
    CHECK(acting_token(s) == "D7");
    s = step(s, SubmitWho{}, fx);
    REQUIRE(s.route.screen == Screen::BookReview);
    s = step(s, Book{}, fx);
    REQUIRE(sent(fx, Call::Book));
    CHECK(json::parse(sent(fx, Call::Book)->body) == json{{"slot_id", 11}, {"name", "王家"}, {"phone", "13900139000"}});
    CHECK(sent(fx, Call::Book)->token == "D7");
}

TEST_CASE("a box with a saved registration only asks for its status") {
    std::vector<Effect> fx;
    State s;
    s.device.serial = "STB-001";
    s = step(s, StoredRead{"device", R"({"token":"D7","id":7})"}, fx);
    CHECK_FALSE(sent(fx, Call::RegisterDevice));
    REQUIRE(sent(fx, Call::DeviceStatus));
    s = step(s, CallDone{Call::DeviceStatus, 0, 401, R"({"type":"about:blank","title":"x","status":401,"detail":"这个接口只供登记过的设备使用。"})"}, fx);
    CHECK(s.device.token.empty());  // a token the server no longer knows is dropped
    REQUIRE(all_of<RemoveCache>(fx).size() == 1);
    CHECK(s.device.problem.text == "这个接口只供登记过的设备使用。");
}

TEST_CASE("the keypad types digits, X only as an ID number's last character, delete and clear") {
    Form f;
    f.active = "id_number";
    press_key(f, 'X');
    CHECK(f.fields["id_number"].empty());
    for (char c : std::string("1101051949123100")) press_key(f, c);
    press_key(f, 'X');
    CHECK(f.fields["id_number"] == "1101051949123100");  // 16 digits: X is not the 18th character here
    press_key(f, '2');
    press_key(f, 'X');
    press_key(f, '9');
    CHECK(f.fields["id_number"] == "11010519491231002X");
    press_key(f, '<');
    CHECK(f.fields["id_number"] == "11010519491231002");
    press_key(f, 'C');
    CHECK(f.fields["id_number"].empty());
    f.active = "name";  // names are typed with a keyboard, not the keypad
    press_key(f, '1');
    CHECK(f.fields["name"].empty());
    CHECK(masked_phone("13800138000") == "138****8000");
}

TEST_CASE("a form box hides the middle of a phone or ID number once nobody types in it") {
    CHECK(masked_field("phone", "13812345678") == "138****5678");
    CHECK(masked_field("id_number", "11010519491231002X") == "110105********002X");  // as the review page shows it
    CHECK(masked_field("phone", "1381234") == "1381234");  // too short to hide anything
    CHECK(masked_field("code", "123456") == "123456");  // a one-time code is no one's identity
    CHECK(masked_field("name", "王建国") == "王建国");
}

TEST_CASE("help requests: words go with a repair, an SOS is only the call, and the ticket page replaces the form") {
    std::vector<Effect> fx;
    State s;
    s.can = capabilities_of(Surface::Browser);
    s = step(s, OpenScreen{Screen::Sos, ""}, fx);
    s = step(s, OpenScreen{Screen::HelpForm, "repair"}, fx);
    REQUIRE(s.route.screen == Screen::SignIn);  // nobody to answer to yet
    s = step(s, CallDone{Call::SignIn, 0, 200, R"({"token":"T1","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
    REQUIRE(s.route == Route{Screen::HelpForm, "repair"});
    s = step(s, EditField{"message"}, fx);
    s = step(s, SetFieldText{"厨房水管漏水"}, fx);
    s = step(s, AskHelp{"repair"}, fx);
    const HttpSend* ask = sent(fx, Call::AskHelp);
    REQUIRE(ask);
    CHECK(json::parse(ask->body) == json{{"kind", "repair"}, {"message", "厨房水管漏水"}});
    CHECK(ask->token == "T1");
    s = step(s, AskHelp{"repair"}, fx);
    CHECK(fx.empty());  // one request per press, however often it is pressed
    s = step(s, CallDone{Call::AskHelp, 0, 201,
                         R"({"id":9,"ticket":"H1234567","kind":"repair","message":"厨房水管漏水","status":"received","note":"","created":"2026-11-23T10:00:00+08:00","updated":"2026-11-23T10:00:00+08:00"})"},
             fx);
    CHECK(s.route == Route{Screen::HelpSent, "9"});
    CHECK(s.back_stack.back().screen == Screen::Sos);
    CHECK(s.personal.form.fields.empty());
    REQUIRE(s.personal.requests.size() == 1);
    CHECK(s.personal.requests[0].ticket == "H1234567");

    s = step(s, AskHelp{"fire"}, fx);
    CHECK(fx.empty());  // only the kinds the server knows
}

TEST_CASE("an SOS pressed again while the first is open shows the same ticket once") {
    std::vector<Effect> fx;
    State s;
    s.personal.token = "T1";
    const std::string open = R"({"id":4,"ticket":"H7654321","kind":"sos","message":"","status":"accepted","note":"","created":"2026-11-23T10:00:00+08:00","updated":"2026-11-23T10:01:00+08:00"})";
    s = step(s, CallDone{Call::HelpRequests, 0, 200, std::string(R"({"items":[)") + open + "]}"}, fx);
    REQUIRE(s.personal.requests.size() == 1);
    s = step(s, OpenScreen{Screen::SosConfirm, ""}, fx);
    s = step(s, AskHelp{"sos"}, fx);
    REQUIRE(sent(fx, Call::AskHelp));
    s = step(s, CallDone{Call::AskHelp, 0, 200, open}, fx);
    CHECK(s.route == Route{Screen::HelpSent, "4"});
    REQUIRE(s.personal.requests.size() == 1);
    CHECK(s.personal.requests[0].ticket == "H7654321");
    CHECK(s.personal.requests[0].status == "accepted");
}

TEST_CASE("a kiosk given a device id enrols as a kiosk and signs its visitors in under its own token") {
    std::vector<Effect> fx;
    State s;
    s.can = capabilities_of(Surface::Kiosk);
    s.device.serial = "KIOSK-7";
    s.device.enrolment_code = "ABCDEFGH2345";
    s = step(s, AppStarted{}, fx);
    s = step(s, StoredRead{"device", std::nullopt}, fx);
    const HttpSend* reg = sent(fx, Call::RegisterDevice);
    REQUIRE(reg);
    CHECK(json::parse(reg->body) == json{{"kind", "kiosk"}, {"serial", "KIOSK-7"}, {"enrolment_code", "ABCDEFGH2345"}});
    s = step(s, CallDone{Call::RegisterDevice, 0, 201,
                         R"({"id":9,"kind":"kiosk","serial":"KIOSK-7","bound":false,"household_name":null,"token":"K9"})"}, fx);
    CHECK(all_of<WriteCache>(fx).size() == 1);  // registered and kept
    CHECK(all_of<IdentifyStream>(fx).empty());  // a kiosk acts for nobody: its stream stays anonymous
    s = step(s, OpenScreen{Screen::SignIn, ""}, fx);
    for (char c : std::string("13800138000")) s = step(s, KeypadPress{c}, fx);
    s = step(s, SendCode{}, fx);
    REQUIRE(sent(fx, Call::SendCode));
    CHECK(sent(fx, Call::SendCode)->token == "K9");  // counted against this kiosk, not the shared address
    CHECK(acting_token(s).empty());  // but a kiosk books for nobody by itself

    State browser;  // a browser at home has no device: its requests carry no token
    browser.can = capabilities_of(Surface::Browser);
    browser = step(browser, OpenScreen{Screen::SignIn, ""}, fx);
    browser.personal.form.fields["phone"] = "13800138000";
    browser = step(browser, SendCode{}, fx);
    REQUIRE(sent(fx, Call::SendCode));
    CHECK(sent(fx, Call::SendCode)->token.empty());
}

TEST_CASE("while my requests are on screen and one is open staff's answer is asked for every few seconds") {
    std::vector<Effect> fx;
    State s;
    s.personal.token = "T1";
    const auto list = [](const char* status, const char* handler) {
        return std::string(R"({"items":[{"id":4,"ticket":"H7654321","kind":"sos","message":"","status":")") + status +
               R"(","note":"","created":"2026-11-23T10:00:00+08:00","updated":"2026-11-23T10:01:00+08:00","handled_by":)" + handler + "}]}";
    };
    const auto checks = [&] { return all_of<ScheduleHelpCheck>(fx).size(); };
    s = step(s, OpenScreen{Screen::MyRequests, ""}, fx);
    REQUIRE(sent(fx, Call::HelpRequests));
    s = step(s, CallDone{Call::HelpRequests, 0, 200, list("received", "null")}, fx);
    CHECK(checks() == 1);
    s = step(s, HelpCheckDue{}, fx);
    CHECK(sent(fx, Call::HelpRequests));  // asked again
    s = step(s, CallDone{Call::HelpRequests, 0, 200, list("accepted", "\"张敏\"")}, fx);
    CHECK(s.personal.requests[0].status == "accepted");
    CHECK(s.personal.requests[0].handled_by == "张敏");
    CHECK(checks() == 1);  // still open: once more
    s = step(s, GoBack{}, fx);
    s = step(s, HelpCheckDue{}, fx);
    CHECK(!sent(fx, Call::HelpRequests));  // left the page: the checks end
    s = step(s, OpenScreen{Screen::MyRequests, ""}, fx);
    s = step(s, CallDone{Call::HelpRequests, 0, 200, list("done", "\"张敏\"")}, fx);
    CHECK(checks() == 0);  // nothing open: nothing to wait for
}

TEST_CASE("a slot closed by staff makes an app with appointments ask for them again at once") {
    std::vector<Effect> fx;
    State s;
    s.personal.token = "T1";
    s = step(s, CallDone{Call::Appointments, 0, 200, "{\"items\":[" + appointment_json(41, "booked") + "]}"}, fx);
    REQUIRE(s.personal.appointments.size() == 1);
    s = step(s, StreamEvent{"changed", R"({"resource":"policies"})"}, fx);
    CHECK_FALSE(sent(fx, Call::Appointments));  // other content: nothing of mine changed
    s = step(s, StreamEvent{"changed", R"({"resource":"slots"})"}, fx);
    CHECK(sent(fx, Call::Appointments));
    State nobody;
    nobody = step(nobody, StreamEvent{"changed", R"({"resource":"slots"})"}, fx);
    CHECK_FALSE(sent(fx, Call::Appointments));  // no identity, no appointments: nothing to ask
}
