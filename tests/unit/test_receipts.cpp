// Alert receipts in the reducer (issue 18): a severe alert that starts interrupting is reported as
// shown, 我知道了 as confirmed; receipts wait in a queue kept across restarts and are sent again
// after a failure and when the stream is back; a household confirmed on another device stops
// interrupting here. The server side is tested over HTTP (tests/server/reach_test.mjs).
#include <catch2/catch.hpp>

#include <optional>

#include <nlohmann/json.hpp>

#include "core/reducer.hpp"
#include "fixture.hpp"

using namespace elder;

namespace {

State step(State s, const Action& a, std::vector<Effect>& effects) {
    effects.clear();
    return reduce(std::move(s), a, effects);
}

std::vector<HttpSend> receipts_sent(const std::vector<Effect>& effects) {
    std::vector<HttpSend> out;
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<HttpSend>(&e); x && x->call == Call::SendReceipt) out.push_back(*x);
    return out;
}

const WriteCache* written(const std::vector<Effect>& effects, const std::string& key) {
    for (const Effect& e : effects)
        if (const auto* x = std::get_if<WriteCache>(&e); x && x->key == key) return x;
    return nullptr;
}

// The fixture's severe alert (寒潮橙色预警, Severe) as the stream brings it, under `id`.
std::string severe_alert(std::int64_t id) {
    nlohmann::json alert = nlohmann::json::parse(test::fixture("alerts"))["items"][0];
    alert["id"] = id;
    return alert.dump();
}

CallDone answer(std::int64_t ref, int status, const std::string& body) { return CallDone{Call::SendReceipt, ref, status, body}; }

}  // namespace

TEST_CASE("a severe alert that starts interrupting is reported as shown, 我知道了 as confirmed") {
    std::vector<Effect> fx;
    State box;
    box.device.token = "D7";
    box = step(box, StreamEvent{"alert", severe_alert(40)}, fx);
    REQUIRE(interrupting_alert(box));
    auto sent = receipts_sent(fx);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].path == "/api/v1/alerts/40/receipts");
    CHECK(sent[0].body == R"({"state":"shown"})");
    CHECK(sent[0].token == "D7");
    box = step(box, AcknowledgeAlert{40}, fx);
    CHECK(receipts_sent(fx).empty());  // one at a time: the confirmation waits for the first answer
    CHECK(box.receipts.outbox.size() == 2);
    box = step(box, answer(40, 200, R"({"alert_id":40,"household_confirmed":false})"), fx);
    sent = receipts_sent(fx);
    REQUIRE(sent.size() == 1);
    CHECK(sent[0].body == R"({"state":"confirmed"})");
    box = step(box, answer(40, 200, R"({"alert_id":40,"household_confirmed":true})"), fx);
    CHECK(box.receipts.outbox.empty());
    REQUIRE(written(fx, "receipts"));
    CHECK(written(fx, "receipts")->text.empty());

    State nobody;  // no resident signed in, no registered box: nobody to speak for, kept on the device only
    nobody = step(nobody, StreamEvent{"alert", severe_alert(41)}, fx);
    nobody = step(nobody, AcknowledgeAlert{41}, fx);
    CHECK(receipts_sent(fx).empty());
    CHECK(nobody.receipts.outbox.empty());
    CHECK(nobody.acked_alerts.count(41));

    State resident;  // a signed-in resident confirms as themselves, not as the box
    resident.device.token = "D7";
    resident.personal.token = "T1";
    resident = step(resident, AcknowledgeAlert{42}, fx);
    REQUIRE(receipts_sent(fx).size() == 1);
    CHECK(receipts_sent(fx)[0].token == "T1");
}

TEST_CASE("receipts wait through a failure and go again with the backoff or when the stream is back") {
    std::vector<Effect> fx;
    State box;
    box.device.token = "D7";
    box = step(box, AcknowledgeAlert{50}, fx);
    REQUIRE(receipts_sent(fx).size() == 1);
    box = step(box, answer(50, 0, ""), fx);  // offline
    CHECK(receipts_sent(fx).empty());
    REQUIRE(std::get_if<ScheduleReceipts>(&fx.at(0)));
    CHECK(std::get<ScheduleReceipts>(fx.at(0)).attempt == 1);
    box = step(box, AcknowledgeAlert{51}, fx);  // queued behind, not sent while the first waits
    CHECK(receipts_sent(fx).empty());
    CHECK(box.receipts.outbox.size() == 2);
    box = step(box, ReceiptsDue{}, fx);
    REQUIRE(receipts_sent(fx).size() == 1);
    CHECK(receipts_sent(fx)[0].ref == 50);
    box = step(box, answer(50, 503, R"({"status":503,"detail":"忙"})"), fx);
    CHECK(std::get<ScheduleReceipts>(fx.at(0)).attempt == 2);  // the backoff grows
    box = step(box, StreamChanged{true}, fx);  // the network is back: no need to wait for the timer
    REQUIRE(receipts_sent(fx).size() == 1);
    box = step(box, answer(50, 200, R"({"alert_id":50,"household_confirmed":true})"), fx);
    REQUIRE(receipts_sent(fx).size() == 1);
    CHECK(receipts_sent(fx)[0].ref == 51);
    box = step(box, answer(51, 404, R"({"status":404,"detail":"没有找到这条预警。"})"), fx);  // gone for good
    CHECK(box.receipts.outbox.empty());
    CHECK(box.receipts.failures == 0);
    box = step(box, AcknowledgeAlert{51}, fx);  // confirmed already here: nothing new
    CHECK(receipts_sent(fx).empty());
}

TEST_CASE("receipts not yet sent survive a restart and are sent when the app starts") {
    std::vector<Effect> fx;
    State box;
    box.device.token = "D7";
    box = step(box, AcknowledgeAlert{60}, fx);
    box = step(box, answer(60, 0, ""), fx);
    box = step(box, AcknowledgeAlert{61}, fx);
    const WriteCache* kept = written(fx, "receipts");
    REQUIRE(kept);
    State again;
    again.device.token = "D7";
    again = step(again, StoredRead{"receipts", kept->text}, fx);
    CHECK(again.receipts.outbox == box.receipts.outbox);
    REQUIRE(receipts_sent(fx).size() == 1);
    CHECK(receipts_sent(fx)[0].ref == 60);
    // What storage holds is read with care: junk lines are skipped, the queue is bounded.
    std::string junk = "x\n99999999999999999999999s\n12q\n\n7c\n";
    for (int i = 0; i < 500; ++i) junk += std::to_string(1000 + i) + "s\n";
    State read;
    read.device.token = "D7";
    read = step(read, StoredRead{"receipts", junk}, fx);
    REQUIRE(read.receipts.outbox.size() == 64);
    CHECK(read.receipts.outbox[0] == Receipt{7, true});
}

TEST_CASE("a household confirmed on another device stops interrupting here, by the answer or the stream") {
    std::vector<Effect> fx;
    State box;
    box.device.token = "D7";
    box = step(box, StreamEvent{"alert", severe_alert(70)}, fx);
    REQUIRE(interrupting_alert(box));
    box = step(box, StreamEvent{"confirmed", R"({"alert_id":70})"}, fx);
    CHECK_FALSE(interrupting_alert(box));
    CHECK(box.receipts.confirmed_elsewhere.count(70));
    REQUIRE(written(fx, "ack.alerts"));  // kept: a restart does not interrupt again
    box = step(box, StreamEvent{"confirmed", R"({"alert_id":"70"})"}, fx);  // malformed: ignored
    box = step(box, answer(70, 200, R"({"alert_id":70,"household_confirmed":true})"), fx);  // its "shown"
    box = step(box, StreamEvent{"alert", severe_alert(71)}, fx);
    REQUIRE(interrupting_alert(box));
    REQUIRE(receipts_sent(fx).size() == 1);
    box = step(box, answer(71, 200, R"({"alert_id":71,"household_confirmed":true})"), fx);  // its "shown" was answered so
    CHECK_FALSE(interrupting_alert(box));
    CHECK(box.receipts.confirmed_elsewhere.count(71));
}

TEST_CASE("today's check-in is asked when who acts here changes and on a new day, and one press is sent once") {
    std::vector<Effect> fx;
    State s;
    s = step(s, SetToday{"2026-11-26"}, fx);
    CHECK(receipts_sent(fx).empty());
    const auto asked = [&] {
        for (const Effect& e : fx)
            if (const auto* x = std::get_if<HttpSend>(&e); x && x->call == Call::CheckInStatus) return true;
        return false;
    };
    CHECK_FALSE(asked());  // nobody to ask for
    s.personal.token = "T1";
    s = step(s, SetToday{"2026-11-27"}, fx);
    CHECK(asked());
    const std::string waiting = R"({"enrolled":true,"day":"2026-11-27","deadline":"10:00","away_today":false,"checked_in_at":null})";
    s = step(s, CallDone{Call::CheckInStatus, 0, 200, waiting}, fx);
    CHECK(s.check_in.today.enrolled);
    s = step(s, CheckInToday{}, fx);
    REQUIRE(fx.size() == 1);
    CHECK(std::get<HttpSend>(fx[0]).call == Call::CheckIn);
    CHECK(std::get<HttpSend>(fx[0]).token == "T1");
    s = step(s, CheckInToday{}, fx);
    CHECK(fx.empty());  // a double press while it goes
    s = step(s, CallDone{Call::CheckIn, 0, 409, R"({"status":409,"detail":"您家还没有开通每日报平安，请联系社区。"})"}, fx);
    CHECK_FALSE(s.check_in.today.enrolled);  // refused for good: the button goes
    s = step(s, CallDone{Call::CheckInStatus, 0, 200, R"({"enrolled":true,"day":"x","checked_in_at":12})"}, fx);  // malformed
    CHECK_FALSE(s.check_in.today.enrolled);
    s = step(s, SignOut{}, fx);
    s.personal.token.clear();
    s = step(s, SetToday{"2026-11-28"}, fx);
    CHECK_FALSE(s.check_in.today.enrolled);
}

TEST_CASE("the alert stream speaks for whoever acts here: a box, then a signed-in resident, then nobody") {
    std::vector<Effect> fx;
    const auto identified = [&fx]() -> std::optional<std::string> {
        for (const Effect& e : fx)
            if (const auto* x = std::get_if<IdentifyStream>(&e)) return x->token;
        return std::nullopt;
    };
    State kiosk;
    kiosk.can = capabilities_of(Surface::Kiosk);
    kiosk = step(kiosk, CallDone{Call::RegisterDevice, 0, 201,
                                 R"({"id":9,"kind":"kiosk","serial":"K","bound":false,"household_name":null,"token":"K9"})"}, fx);
    CHECK_FALSE(identified());  // a kiosk acts for nobody: anonymous until a visitor signs in
    kiosk = step(kiosk, CallDone{Call::SignIn, 0, 200, R"({"token":"T1","expires_at":"2026-12-23T10:00:00+08:00"})"}, fx);
    CHECK(identified() == std::optional<std::string>("T1"));  // the visitor's household's events come to this screen
    kiosk = step(kiosk, SignOut{}, fx);
    CHECK(identified() == std::optional<std::string>(""));  // and stop when the visitor leaves

    State tv;
    tv.can = capabilities_of(Surface::Tv);
    tv = step(tv, CallDone{Call::RegisterDevice, 0, 201,
                           R"({"id":7,"kind":"stb","serial":"S","bound":false,"household_name":null,"token":"D7"})"}, fx);
    CHECK(identified() == std::optional<std::string>("D7"));  // a box says which box it is from the start
    tv = step(tv, CallDone{Call::DeviceStatus, 0, 200, R"({"id":7,"kind":"stb","serial":"S","bound":true,"household_name":"王家"})"}, fx);
    CHECK_FALSE(identified());  // bound: the same token, the same stream
}
