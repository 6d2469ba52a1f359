#include <catch2/catch.hpp>

#include "core/sse_parser.hpp"

using namespace elder;

TEST_CASE("events, ids, comments and retry") {
    SseParser p;
    const auto events = p.feed("retry: 3000\n\n: heartbeat\n\nid: 7\nevent: alert\ndata: {\"a\":1}\n\nid: 8\nevent: cancel\ndata: x\n\n");
    REQUIRE(events.size() == 2);
    CHECK(events[0].id == "7");
    CHECK(events[0].event == "alert");
    CHECK(events[0].data == "{\"a\":1}");
    CHECK(events[1].event == "cancel");
    CHECK(p.last_event_id() == "8");
    CHECK(p.retry_ms() == 3000);
}

TEST_CASE("events split across chunks at any byte, with CRLF or CR line ends") {
    const std::string stream = "id: 1\r\nevent: alert\r\ndata: line one\r\ndata: line two\r\n\r\nid: 2\rdata: 中文\r\r";
    for (size_t cut = 0; cut <= stream.size(); ++cut) {
        SseParser p;
        auto events = p.feed(std::string_view(stream).substr(0, cut));
        for (auto& e : p.feed(std::string_view(stream).substr(cut))) events.push_back(e);
        INFO("cut at " << cut);
        REQUIRE(events.size() == 2);
        CHECK(events[0].data == "line one\nline two");
        CHECK(events[1].data == "中文");
        CHECK(events[1].event == "message");
        CHECK(p.last_event_id() == "2");
    }
}

TEST_CASE("an event without data is not dispatched, a half event is dropped on reconnect") {
    SseParser p;
    CHECK(p.feed("event: alert\n\n").empty());
    CHECK(p.feed("id: 5\ndata: half").empty());
    p.reset_partial();
    const auto events = p.feed("data: whole\n\n");
    REQUIRE(events.size() == 1);
    CHECK(events[0].data == "whole");
    CHECK(p.last_event_id() == "5");  // an id line that arrived completely still counts
}

TEST_CASE("an event whose data passes 1 MB is dropped whole and the next one comes through") {
    SseParser parser;
    const std::string line = "data: " + std::string(512 * 1024, 'x') + "\n";
    std::vector<SseEvent> got;
    for (int i = 0; i < 8; ++i) {  // 4 MB of data lines with no blank line between them
        auto events = parser.feed(line);
        got.insert(got.end(), events.begin(), events.end());
    }
    auto events = parser.feed("\nevent: alert\ndata: {\"id\":1}\n\n");
    got.insert(got.end(), events.begin(), events.end());
    REQUIRE(got.size() == 1);
    CHECK(got[0].event == "alert");
    CHECK(got[0].data == "{\"id\":1}");
}
