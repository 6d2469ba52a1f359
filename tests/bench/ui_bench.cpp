// The shared UI without a GPU, for benchmarks (tests/bench/ui_bench.mjs):
//   ui_bench frames SCENE N   draw N frames of SCENE (home, policy, empty); under callgrind only the
//                             frames are measured (instrumentation is switched on around them)
//   ui_bench memory ROUNDS    open every screen ROUNDS (>= 10) times; print the resident memory
//                             after rounds 1 and 10 and after the last, as JSON
// Data comes from the codec fixtures, with a long policy text.
#include <valgrind/callgrind.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "../ui/headless_ui.hpp"

using namespace elder;
using elder::test::HeadlessUi;

namespace {

std::string fixture(const std::string& name) {
    std::ifstream in(std::string(ELDER_SOURCE_DIR) + "/tests/fixtures/api/" + name + ".json");
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void feed(HeadlessUi& ui, ResourceKey key, std::string body) {
    auto j = nlohmann::json::parse(body);
    if (j.is_object() && j.contains("next_cursor")) j["next_cursor"] = nullptr;
    ui.app.dispatch(CacheRead{key, std::nullopt});
    ui.app.dispatch(HttpDone{key, 200, j.dump(), "", ""});
}

void load(HeadlessUi& ui) {
    feed(ui, {Resource::Categories}, fixture("policy_categories"));
    feed(ui, {Resource::Policies}, fixture("policies_page"));
    feed(ui, {Resource::Guides}, fixture("guides"));
    feed(ui, {Resource::Contacts}, fixture("contacts"));
    feed(ui, {Resource::Activities}, fixture("activities"));
    feed(ui, {Resource::Alerts}, fixture("alerts"));
    while (const Alert* alert = interrupting_alert(ui.app.state())) ui.app.dispatch(AcknowledgeAlert{alert->id});
    auto policy = nlohmann::json::parse(fixture("policy"));
    std::string body;
    for (int i = 1; i <= 40; ++i)
        body += "第" + std::to_string(i) + "条 符合条件的老年人可以向户籍所在地社区提出申请，社区工作人员会在五个工作日内上门核实情况，并告知办理结果。\n";
    policy["body"] = body;
    ui.app.dispatch(CacheRead{{Resource::Policy, policy["id"].get<std::int64_t>()}, std::nullopt});
    ui.app.dispatch(HttpDone{{Resource::Policy, policy["id"].get<std::int64_t>()}, 200, policy.dump(), "", ""});
}

long resident_kb() {
    std::ifstream statm("/proc/self/statm");
    long pages = 0, resident = 0;
    statm >> pages >> resident;
    return resident * 4;
}

const Route kRoutes[] = {
    {Screen::Policies, ""}, {Screen::PolicyList, "yanglao"}, {Screen::PolicyDetail, "22"}, {Screen::Search, ""},
    {Screen::Guides, ""},   {Screen::GuideList, "养老"},     {Screen::GuideDetail, "1"},   {Screen::GuideQr, "1"},
    {Screen::Contacts, ""}, {Screen::Activities, ""},        {Screen::ActivityDetail, "1"}, {Screen::Settings, ""},
    {Screen::Appointments, ""}, {Screen::Alerts, ""},        {Screen::Sos, ""},
};

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    HeadlessUi ui(Surface::Tv, 1920, 1080);
    load(ui);
    if (mode == "frames" && argc == 4) {
        const std::string scene = argv[2];
        const int n = std::atoi(argv[3]);
        if (scene == "policy") ui.app.dispatch(OpenScreen{Screen::PolicyDetail, "22"});
        for (int i = 0; i < 5; ++i) ui.frame();  // settle: fonts rasterised, layout stable
        if (scene == "empty") {                  // the baseline: ImGui's own frame with nothing on it
            CALLGRIND_START_INSTRUMENTATION;
            for (int i = 0; i < n; ++i) {
                ImGui::NewFrame();
                ImGui::Render();
            }
            CALLGRIND_STOP_INSTRUMENTATION;
        } else {
            CALLGRIND_START_INSTRUMENTATION;
            for (int i = 0; i < n; ++i) ui.frame();
            CALLGRIND_STOP_INSTRUMENTATION;
        }
        std::printf("%s: %d frames, %zu semantics nodes\n", scene.c_str(), n, ui.app.semantics().nodes().size());
        return 0;
    }
    if (mode == "memory" && argc == 3) {
        const int rounds = std::atoi(argv[2]);
        long after_first = 0, after_tenth = 0;
        for (int round = 1; round <= rounds; ++round) {
            for (const Route& r : kRoutes) {
                ui.app.dispatch(OpenScreen{r.screen, r.arg});
                ui.frame();
                ui.frame();
                ui.key(RemoteKey::Down);
                ui.key(RemoteKey::Back);
            }
            if (round == 1) after_first = resident_kb();
            if (round == 10) after_tenth = resident_kb();
        }
        // Allocators settle over the first rounds; a leak shows as growth from round 10 on.
        std::printf("{\"screens\": %zu, \"rounds\": %d, \"round1_kb\": %ld, \"round10_kb\": %ld, \"last_kb\": %ld}\n",
                    std::size(kRoutes), rounds, after_first, after_tenth, resident_kb());
        return 0;
    }
    std::fprintf(stderr, "usage: ui_bench frames home|policy|empty N | ui_bench memory ROUNDS\n");
    return 2;
}
