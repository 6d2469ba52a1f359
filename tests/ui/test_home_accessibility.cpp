// The home page on every surface, checked against ../shared/handbook/ACCESSIBILITY.md.
#include <catch2/catch.hpp>

#include <set>

#include <nlohmann/json.hpp>

#include "core/spatial_nav.hpp"
#include "../unit/fixture.hpp"
#include "fixture_clock.hpp"
#include "page_checks.hpp"
#include "ui/theme.hpp"

using namespace elder;
using namespace elder::test;

namespace {

using Case = SurfaceCase;
const std::vector<SurfaceCase>& kCases = surface_cases();
const SemNode* find(const App& app, const std::string& id) { return find_node(app, id); }

// The home page against ACCESSIBILITY.md for case `c` (page_checks), plus what is particular to
// home: the number of tiles, and words drawn on a tile staying inside it.
void check_home(const HeadlessUi& ui, const Case& c, int expected_buttons = 9) {
    check_numbers(ui, c);
    int buttons = 0;
    const Rect safe{c.safe_x, c.safe_y, c.w - 2 * c.safe_x, c.h - 2 * c.safe_y};
    for (const SemNode& n : ui.app.semantics().nodes()) {
        buttons += n.action ? 1 : 0;
        // At the normal text size home fits one TV or kiosk screen: nothing to scroll to.
        if (c.surface != Surface::Browser && ui.app.state().settings.text_size == 0) CHECK(safe.contains(n.rect));
    }
    CHECK(buttons == expected_buttons);
    // Text drawn on a tile ("tile.x.hint", "tile.x.badge") stays inside that tile.
    for (const SemNode& tile : ui.app.semantics().nodes()) {
        if (!tile.action) continue;
        for (const SemNode& n : ui.app.semantics().nodes()) {
            if (n.id.rfind(tile.id + ".", 0) != 0) continue;
            INFO(n.id << " '" << n.label << "'");
            CHECK(tile.rect.contains(n.rect));
        }
    }
}

// The server cannot be reached: a fetch that got no answer. `saved`: the site was in the offline copy.
void go_offline(HeadlessUi& ui, bool saved = true) {
    const std::string body = R"({"community_name": "和平里社区", "address": "和平里", "hotline": "12345",
                                 "enabled_functions": [], "kiosk_idle_timeout_s": 120})";
    const std::string copy = nlohmann::json{{"etag", "\"1\""}, {"pages", {body}}}.dump();  // as the box stores it
    ui.app.dispatch(CacheRead{{Resource::Site}, saved ? std::optional<std::string>(copy) : std::nullopt});
    ui.app.dispatch(HttpDone{{Resource::Site}, 0, "", "", "connection refused"});
    ui.frame();
}

}  // namespace

TEST_CASE("home meets text size, contrast, target size and safe area on every surface") {
    for (const Case& c : kCases) {
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        check_home(ui, c);
        CHECK_FALSE(find(ui.app, "home.offline"));
    }
}

TEST_CASE("offline, home says so plainly and still meets every number") {
    for (const Case& c : kCases) {
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        go_offline(ui);
        REQUIRE(find(ui.app, "home.offline"));
        CHECK(find(ui.app, "home.offline")->label.rfind("网络连接中断，显示的是上次保存的内容", 0) == 0);
        check_home(ui, c);
        // The notice sits between the header and the tiles, overlapping neither.
        const Rect notice = find(ui.app, "home.offline")->rect;
        CHECK(notice.y >= find(ui.app, "home.community")->rect.bottom());
        CHECK(notice.bottom() <= ui.app.semantics().focusable(0).rect.y);
    }
}

TEST_CASE("offline on a first start with nothing saved, home does not speak of a saved copy") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    go_offline(ui, false);
    REQUIRE(find(ui.app, "home.offline"));
    CHECK(find(ui.app, "home.offline")->label.rfind("现在连不上网络，还没有保存过内容", 0) == 0);
}

TEST_CASE("the server failing, home says the saved copy is shown and still meets every number") {
    for (const Case& c : kCases) {
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        const nlohmann::json saved{{"etag", "\"site-1\""}, {"pages", nlohmann::json::array({fixture("site")})}};
        ui.app.dispatch(CacheRead{{Resource::Site}, saved.dump()});
        ui.app.dispatch(HttpDone{{Resource::Site}, 500, R"({"title":"Internal error","status":500})", "", ""});
        ui.frame();
        INFO(ui.app.report()["data"].dump());
        REQUIRE(find(ui.app, "home.server_error"));
        CHECK(find(ui.app, "home.server_error")->label.rfind("服务器暂时出了问题，显示的是上次保存的内容", 0) == 0);
        CHECK_FALSE(find(ui.app, "home.offline"));
        check_home(ui, c);
    }
}

TEST_CASE("an active alert shows as a banner on home, in words, on every surface") {
    for (const Case& c : kCases) {
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        ui.app.dispatch(CacheRead{{Resource::Alerts}, std::nullopt});
        ui.app.dispatch(HttpDone{{Resource::Alerts}, 200, fixture("alerts"), "", ""});
        ui.app.dispatch(AcknowledgeAlert{ui.app.report()["interruption"].get<std::int64_t>()});  // the severe one, confirmed
        ui.frame();
        const SemNode* banner = find(ui.app, "home.alert");
        REQUIRE(banner);
        CHECK(banner->label.rfind("橙色预警：寒潮预警", 0) == 0);  // the level in words, not colour alone
        CHECK(banner->label.find("还有 2 条提醒") != std::string::npos);
        check_home(ui, c, 10);  // the nine tiles and the banner
        // Tiles keep their focus numbers (number keys), and the banner sits above them without overlap.
        CHECK(ui.app.semantics().focusable(0).label == "政策资讯");
        CHECK(banner->rect.bottom() <= ui.app.semantics().focusable(0).rect.y);
        if (c.surface == Surface::Tv) {
            ui.key(RemoteKey::Up);
            CHECK(ui.app.semantics().focused()->id == "home.alert");
            ui.key(RemoteKey::Ok);
            CHECK(ui.app.state().route.screen == Screen::Alerts);
        }
    }
}

TEST_CASE("the community name comes from the server once known") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    ui.app.dispatch(CacheRead{{Resource::Site}, std::nullopt});
    ui.app.dispatch(HttpDone{{Resource::Site}, 200,
                             R"({"community_name": "和平里社区", "address": "和平里", "hotline": "12345",
                                 "enabled_functions": [], "kiosk_idle_timeout_s": 120})", "", ""});
    ui.frame();
    REQUIRE(find(ui.app, "home.community"));
    CHECK(find(ui.app, "home.community")->label == "和平里社区");
}

TEST_CASE("home shows the community, the date and the nine tiles in Chinese") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    REQUIRE(find(ui.app, "home.community"));
    CHECK(find(ui.app, "home.community")->label == "幸福里社区");
    REQUIRE(find(ui.app, "home.date"));
    const CivilTime now = fixture_clock();
    CHECK(find(ui.app, "home.date")->label == std::to_string(now.year) + "年" + std::to_string(now.month) + "月" +
                                                   std::to_string(now.day) + "日 星期" + chinese_weekday(fixture_day()) + "  上午9点半");
    const char* labels[] = {"政策资讯", "办事指南", "预约办理", "通知提醒", "社区活动", "联系我们", "紧急求助", "设置", "社区公告"};
    for (int i = 0; i < 9; ++i) CHECK(ui.app.semantics().focusable(i).label == labels[i]);
}

TEST_CASE("the focus ring colour stands out from tiles and page by at least 3:1") {
    const Palette& p = default_palette();
    CHECK(contrast_ratio(p.focus_ring, p.tile) >= 3.0);
    CHECK(contrast_ratio(p.focus_ring, p.tile_hover) >= 3.0);
    CHECK(contrast_ratio(p.focus_ring, p.sos_tile) >= 3.0);
    CHECK(contrast_ratio(p.focus_ring, p.background) >= 3.0);
}

TEST_CASE("every home tile is reachable with arrows alone and opens with OK") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    std::set<int> reached{ui.app.state().focused()};
    // Three rows of three: right along the top row, down, left along the middle, down, right along the bottom.
    for (RemoteKey k : {RemoteKey::Right, RemoteKey::Right, RemoteKey::Down, RemoteKey::Left, RemoteKey::Left, RemoteKey::Down,
                        RemoteKey::Right, RemoteKey::Right, RemoteKey::Up, RemoteKey::Left}) {
        ui.key(k);
        reached.insert(ui.app.state().focused());
    }
    CHECK(reached.size() == 9);
    CHECK(ui.app.state().focused() == 4);
    ui.key(RemoteKey::Ok);
    CHECK(ui.app.state().route.screen == Screen::Activities);
    ui.key(RemoteKey::Back);
    CHECK(ui.app.state().route.screen == Screen::Home);
    CHECK(ui.app.state().focused() == 4);
}

TEST_CASE("number keys open tiles in one press, and Back returns") {
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    REQUIRE(home_tiles().size() == 9);
    for (int n = 1; n <= 9; ++n) {
        ui.key(static_cast<RemoteKey>(static_cast<int>(RemoteKey::Digit1) + n - 1));
        CHECK(ui.app.state().route.screen == home_tiles()[n - 1].screen);
        ui.key(RemoteKey::Back);
        CHECK(ui.app.state().route.screen == Screen::Home);
    }
}

TEST_CASE("tapping a tile opens it") {
    HeadlessUi ui(Surface::Kiosk, 1080, 1920);
    const Rect contacts = find(ui.app, "tile.contacts")->rect;
    ui.tap(contacts.center_x(), contacts.center_y());
    CHECK(ui.app.state().route.screen == Screen::Contacts);
}

TEST_CASE("the English catalogue lays out too") {
    HeadlessUi ui(Surface::Browser, 360, 640, "en");
    CHECK(ui.app.semantics().focusable(0).label == "Policies");
    for (const SemNode& n : ui.app.semantics().nodes()) {
        INFO(n.id);
        CHECK(n.rect.right() <= 360);
    }
}

TEST_CASE("home rows are full from edge to edge: no tile stands alone beside a hole") {
    for (const Case& c : kCases) {
        INFO(describe(c));
        HeadlessUi ui(c.surface, c.w, c.h);
        const SemanticsTree& tree = ui.app.semantics();
        float right = 0;
        for (int i = 0; i < tree.focusable_count(); ++i)
            if (tree.focusable(i).id.rfind("tile.", 0) == 0) right = std::max(right, tree.focusable(i).rect.right());
        REQUIRE(right > 0);
        for (int i = 0; i < tree.focusable_count(); ++i) {
            const SemNode& tile = tree.focusable(i);
            if (tile.id.rfind("tile.", 0) != 0) continue;
            float row_right = tile.rect.right();  // the right edge of the row this tile is in
            for (int j = 0; j < tree.focusable_count(); ++j)
                if (tree.focusable(j).id.rfind("tile.", 0) == 0 && tree.focusable(j).rect.y == tile.rect.y)
                    row_right = std::max(row_right, tree.focusable(j).rect.right());
            INFO(tile.id);
            CHECK(row_right >= right - 2);
        }
    }
}
