// The CAP 1.2 importer against real third-party messages (../shared/testdata/cap).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "cap.hpp"

using namespace elder::server;
namespace fs = std::filesystem;

namespace {

const fs::path kCap = fs::path(ELDER_TESTDATA_DIR) / "cap";

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

nlohmann::json or_null(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

}  // namespace

TEST_CASE("every valid CAP file imports with the expected fields") {
    const auto expected = nlohmann::json::parse(read(kCap / "valid_expected_fields.json"));
    REQUIRE(expected.size() == 18);
    for (const auto& e : expected) {
        const std::string file = e["file"];
        INFO(file);
        CapAlert a;
        std::string error;
        REQUIRE(parse_cap_xml(read(kCap / file), a, error));
        CHECK(error.empty());
        CHECK(a.identifier == e["identifier"]);
        CHECK(a.sender == e["sender"]);
        CHECK(a.sent == e["sent"]);
        CHECK(a.status == e["status"]);
        CHECK(a.msg_type == e["msgType"]);
        CHECK(a.scope == e["scope"]);
        CHECK(nlohmann::json(a.references) == e["references"]);
        REQUIRE(a.infos.size() == e["info_count"].get<size_t>());
        for (size_t i = 0; i < a.infos.size(); ++i) {
            const CapInfo& info = a.infos[i];
            const auto& ei = e["infos"][i];
            INFO("info " << i);
            // The oracle writes "en-US(default)" where <language> is absent and CAP's default applies.
            std::string language = ei["language"];
            if (const size_t mark = language.find("(default)"); mark != std::string::npos) language.erase(mark);
            CHECK(info.language == language);
            CHECK(nlohmann::json(info.categories) == ei["categories"]);
            CHECK(info.event == ei["event"]);
            CHECK(info.urgency == ei["urgency"]);
            CHECK(info.severity == ei["severity"]);
            CHECK(info.certainty == ei["certainty"]);
            CHECK(nlohmann::json(info.response_types) == ei["responseType"]);
            CHECK(or_null(info.effective) == ei["effective"]);
            CHECK(or_null(info.onset) == ei["onset"]);
            CHECK(or_null(info.expires) == ei["expires"]);
            CHECK(or_null(info.headline) == ei["headline"]);
            CHECK(info.areas.size() == ei["area_count"].get<size_t>());
        }
    }
}

TEST_CASE("every invalid CAP file is refused with a clear error") {
    const std::map<std::string, std::string> reasons{
        {"missing_scope.xml", "<scope> is missing"},
        {"taiwan_wrong_namespace.xml", "namespace"},
        {"canada_errors.xml", "<references>"},
        {"smhi_alerts_wrapper_multi_alert.xml", "one by one"},
        {"sweden_smhi_real_but_element_order_wrong.xml", "out of order"},
        {"xxe_external_entity_attack.xml", "DOCTYPE"},
    };
    int seen = 0;
    for (const auto& entry : fs::directory_iterator(kCap / "invalid")) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        REQUIRE(reasons.count(name) == 1);
        CapAlert a;
        std::string error;
        CHECK_FALSE(parse_cap_xml(read(entry.path()), a, error));
        CHECK(error.find(reasons.at(name)) != std::string::npos);
        ++seen;
    }
    CHECK(seen == 6);
}

TEST_CASE("a CAP alert inside an EDXL-DE envelope is unwrapped") {
    CapAlert a;
    std::string error;
    REQUIRE(parse_cap_xml(read(kCap / "wrapped/edxlde_nsw_rfs_wrapping_cap.xml"), a, error));
    CHECK_FALSE(a.identifier.empty());
    CHECK_FALSE(a.infos.empty());
}

TEST_CASE("garbage and hostile input never crashes") {
    CapAlert a;
    std::string error;
    for (const std::string& input : {std::string(""), std::string("<"), std::string("not xml at all"),
                                     std::string("<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'/>"),
                                     std::string(100000, '<'), std::string("\xEF\xBB\xBF<?xml version='1.0'?><a/>")}) {
        CHECK_FALSE(parse_cap_xml(input, a, error));
        CHECK_FALSE(error.empty());
    }
}

TEST_CASE("Chinese colour levels follow severity") {
    CHECK(colour_level(severity_rank("Extreme")) == "红");
    CHECK(colour_level(severity_rank("Severe")) == "橙");
    CHECK(colour_level(severity_rank("Moderate")) == "黄");
    CHECK(colour_level(severity_rank("Minor")) == "蓝");
    CHECK(colour_level(severity_rank("Unknown")).empty());
}

TEST_CASE("CAP date-times with offsets") {
    long long t = 0;
    REQUIRE(cap_time_to_epoch("2003-06-17T14:57:00-07:00", t));
    CHECK(t == 1055887020);
    REQUIRE(cap_time_to_epoch("2014-05-08T10:52:30-00:00", t));
    CHECK_FALSE(cap_time_to_epoch("2003-06-17 14:57:00", t));
    CHECK_FALSE(cap_time_to_epoch("2003-06-17T14:57:00Z", t));
}

namespace {

const std::string kAlertXml =
    "<alert xmlns='urn:oasis:names:tc:emergency:cap:1.2'><identifier>limits-1</identifier>"
    "<sender>test@example.cn</sender><sent>2026-11-25T10:00:00+08:00</sent><status>Actual</status>"
    "<msgType>Alert</msgType><scope>Public</scope>NOTE<info><category>Met</category><event>大风</event>"
    "<urgency>Expected</urgency><severity>Moderate</severity><certainty>Likely</certainty>"
    "<headline>HEADLINE</headline><area><areaDesc>本社区</areaDesc></area></info></alert>";

// The test alert with `note` in place of NOTE and `headline` as the headline.
std::string alert_with(const std::string& note, const std::string& headline = "大风蓝色预警") {
    std::string xml = kAlertXml;
    xml.replace(xml.find("NOTE"), 4, note);
    xml.replace(xml.find("HEADLINE"), 8, headline);
    return xml;
}

std::string nested(int depth, const std::string& name) {
    std::string out;
    for (int i = 0; i < depth; ++i) out += "<" + name + ">";
    for (int i = 0; i < depth; ++i) out += "</" + name + ">";
    return out;
}

bool refused_with(const std::string& xml, const std::string& words) {
    CapAlert a;
    std::string error;
    const bool ok = parse_cap_xml(xml, a, error);
    INFO(error);
    return !ok && error.find(words) != std::string::npos;
}

}  // namespace

TEST_CASE("elements nested deeper than 32 are refused") {
    CapAlert a;
    std::string error;
    // <alert> is level 1 and <note> level 2: 30 more make 32, the limit.
    REQUIRE(parse_cap_xml(alert_with("<note>" + nested(30, "x") + "</note>"), a, error));
    CHECK(refused_with(alert_with("<note>" + nested(31, "x") + "</note>"), "nested more than 32 deep"));
    CHECK(refused_with(alert_with("<note>" + nested(60000, "x") + "</note>"), "nested more than 32 deep"));
}

TEST_CASE("60,000 nested alert elements in an envelope are refused") {
    const std::string envelope = "<EDXLDistribution>" + nested(60000, "alert") + "</EDXLDistribution>";
    CHECK(envelope.size() > 850 * 1024);
    CHECK(refused_with(envelope, "nested more than 32 deep"));
}

TEST_CASE("more than 5,000 elements are refused") {
    std::string flat, over;
    for (int i = 0; i < 4980; ++i) flat += "<x/>";
    CapAlert a;
    std::string error;
    REQUIRE(parse_cap_xml(alert_with("<note>" + flat + "</note>"), a, error));
    for (int i = 0; i < 5000; ++i) over += "<x/>";
    CHECK(refused_with(alert_with("<note>" + over + "</note>"), "more than 5000 elements"));
}

TEST_CASE("namespaces are resolved per scope") {
    CapAlert a;
    std::string error;
    // A prefix declared on a sibling does not reach the next one, and an inner default wins.
    const std::string prefixed =
        "<c:alert xmlns:c='urn:oasis:names:tc:emergency:cap:1.2'><c:identifier>ns-1</c:identifier>"
        "<c:sender>a@example.cn</c:sender><c:sent>2026-11-25T10:00:00+08:00</c:sent><c:status>Actual</c:status>"
        "<c:msgType>Cancel</c:msgType><c:scope>Public</c:scope><c:references>a@example.cn,x,2026-11-25T09:00:00+08:00</c:references>"
        "<sig xmlns='urn:example:signature'><identifier>not CAP</identifier></sig></c:alert>";
    REQUIRE(parse_cap_xml(prefixed, a, error));
    CHECK(a.identifier == "ns-1");
    CHECK(refused_with("<alert xmlns='urn:example:other'/>", "namespace 'urn:example:other'"));
    CHECK(refused_with("<EDXLDistribution><a xmlns:c='urn:oasis:names:tc:emergency:cap:1.2'/><c:alert/></EDXLDistribution>",
                       "holds 0 CAP alerts"));
}

TEST_CASE("text that is not UTF-8 is refused, wherever it is") {
    CHECK(refused_with(alert_with("", "\xff\xfe"), "not valid UTF-8 (in <headline>)"));
    CHECK(refused_with(alert_with("<note>\xc3</note>"), "not valid UTF-8"));
    CHECK(refused_with(alert_with("<x a='\xed\xa0\x80'/>"), "not valid UTF-8"));
    CapAlert a;
    std::string error;
    CHECK(parse_cap_xml(alert_with("", "大风蓝色预警 ✓"), a, error));
}
