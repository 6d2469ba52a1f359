// Codecs against real answers of the reference server (tests/fixtures/api, refreshed by
// tests/fixtures/refresh.mjs) and against hand-made malformed input.
#include <catch2/catch.hpp>

#include "core/codecs.hpp"
#include "fixture.hpp"

using namespace elder;
using elder::test::fixture;

namespace {

template <class T> T must_decode(const std::string& name) {
    T out{};
    std::string error;
    INFO(name << ": " << error);
    REQUIRE(decode_text(fixture(name), out, error));
    CHECK(error.empty());
    return out;
}

template <class T> std::string refusal(const std::string& text) {
    T out{};
    std::string error;
    CHECK_FALSE(decode_text(text, out, error));
    return error;
}

}  // namespace

TEST_CASE("codecs decode the reference server's real answers") {
    const auto site = must_decode<Site>("site");
    CHECK(site.community_name == "幸福里社区");
    CHECK(site.kiosk_idle_timeout_s == 120);
    CHECK(site.utc_offset_minutes == 480);  // China Standard Time, the zone of every time the server writes
    CHECK(must_decode<std::vector<PolicyCategory>>("policy_categories").size() >= 6);
    const auto page = must_decode<PolicyPage>("policies_page");
    CHECK(page.items.size() == 5);
    CHECK_FALSE(page.next_cursor.empty());
    CHECK(page.items[0].body.empty());  // summaries carry no body
    const auto policy = must_decode<Policy>("policy");
    CHECK(policy.id == page.items[0].id);
    CHECK(policy.body.size() > 20);
    const auto since = must_decode<PolicyPage>("policies_since");
    CHECK(std::any_of(since.items.begin(), since.items.end(), [](const Policy& p) { return p.deleted; }));
    const auto guides = must_decode<std::vector<Guide>>("guides");
    CHECK(guides.size() >= 10);
    CHECK(std::any_of(guides.begin(), guides.end(), [](const Guide& g) { return g.bookable && g.schedule_id; }));
    CHECK(must_decode<std::vector<Contact>>("contacts").size() >= 8);
    const auto notices = must_decode<std::vector<Notice>>("notices");
    REQUIRE(notices.size() >= 5);
    CHECK(notices[0].pinned);
    CHECK_FALSE(notices[0].title.empty());
    CHECK(notices[0].published.size() == 25);
    CHECK(must_decode<std::vector<Activity>>("activities").size() >= 6);
    CHECK(must_decode<std::vector<Slot>>("slots").size() > 10);
    const auto alerts = must_decode<std::vector<Alert>>("alerts");
    REQUIRE(alerts.size() == 3);
    CHECK(alerts[0].colour_level == "橙");
    CHECK_FALSE(alerts[0].infos.at(0).headline.empty());
    CHECK(alerts[0].infos.at(0).areas.size() == 1);
    const auto booked = must_decode<Appointment>("appointment");
    CHECK(booked.status == "booked");
    CHECK(booked.slot.seats_left < booked.slot.capacity);
    CHECK(must_decode<std::vector<Appointment>>("appointments").size() == 1);
    CHECK(must_decode<HelpRequest>("help_request").kind == "repair");
    CHECK(must_decode<Problem>("problem_not_found").status == 404);
}

TEST_CASE("malformed answers give an error naming the field") {
    CHECK(refusal<Site>("{not json").find("not valid JSON") != std::string::npos);
    CHECK(refusal<Site>("[1,2]").find("must be an object") != std::string::npos);
    CHECK(refusal<Site>(R"({"community_name": 5})").find("community_name: must be text") != std::string::npos);
    CHECK(refusal<Site>(R"({"community_name": "x", "address": "y", "hotline": "z", "kiosk_idle_timeout_s": 5})")
              .find("kiosk_idle_timeout_s: is out of range") != std::string::npos);
    CHECK(refusal<Site>(R"({"community_name": "x", "address": "y", "hotline": "z", "kiosk_idle_timeout_s": 60,
                            "utc_offset_minutes": 100000})")
              .find("utc_offset_minutes: is out of range") != std::string::npos);
    CHECK(refusal<std::vector<Slot>>(
              R"({"items": [{"id": 1, "schedule_id": 1, "start": "a", "end": "b", "status": "free", "capacity": 5, "seats_left": 9}]})")
              .find("items[0].seats_left") != std::string::npos);  // more seats left than exist
    CHECK(refusal<std::vector<Slot>>(
              R"({"items": [{"id": 1, "schedule_id": 1, "start": "a", "end": "b", "status": "maybe", "capacity": 5, "seats_left": 1}]})")
              .find("unknown value 'maybe'") != std::string::npos);
    CHECK(refusal<Policy>(R"({"id": -3})").find("id: is out of range") != std::string::npos);
    CHECK(refusal<Policy>(R"({"id": 18446744073709551615, "updated_seq": 1})").find("id: is out of range") != std::string::npos);
    CHECK(refusal<Policy>(R"({"id": 1.5})").find("whole number") != std::string::npos);
    CHECK(refusal<PolicyPage>(R"({"items": {}, "seq": 1})").find("items: must be a list") != std::string::npos);
    CHECK(refusal<Appointment>(R"({"id": 1, "code": "A", "service": "s", "place": "p", "status": "booked", "name": "n", "created": "c"})")
              .find("slot: missing") != std::string::npos);
    CHECK(refusal<Problem>(R"({"status": 200, "detail": "x"})").find("status") != std::string::npos);
}

TEST_CASE("unknown fields are ignored and tombstones need only id and seq") {
    Policy p;
    std::string error;
    CHECK(decode_text(R"({"id": 7, "updated_seq": 9, "deleted": true, "future_field": {"x": [1]}})", p, error));
    CHECK(p.deleted);
    CHECK(decode_text(R"({"id": 7, "updated_seq": 9, "deleted": "yes", "category_id": "a", "title": "t",
        "summary": "s", "issuer": "i", "published_on": "d", "tags": [], "body": "b", "extra": 1})", p, error));
    CHECK_FALSE(p.deleted);  // a non-boolean "deleted" is not a tombstone
}

TEST_CASE("deeply nested or huge input does not crash") {
    Site s;
    std::string error;
    CHECK_FALSE(decode_text(std::string(100000, '[') + std::string(100000, ']'), s, error));
    CHECK_FALSE(decode_text(std::string(1 << 20, ' '), s, error));
    CHECK_FALSE(decode_text(std::string("\0\xff\xfe", 3), s, error));
}
