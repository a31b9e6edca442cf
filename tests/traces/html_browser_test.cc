// The HTML view in a real browser: headless Chromium (Debian package chromium, which
// scripts/test.sh installs) loads the generated page from a file, runs its script, and dumps
// the DOM. The test checks what the script built: one SVG arrow per delivery and one marked
// arrow per drop or duplicate, the step slider, the state panel at the last step, the outcome,
// and that no script error occurred. Chromium missing is a failure, never a skip.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>

#include "checker/engine/bfs.h"
#include "checker/world/world_properties.h"
#include "traces/views/views.h"
#include "tests/common/world_traces.h"

namespace traces {
namespace {

using raftcheck::test_traces::MakeWorldTrace;

std::string ChromiumPath() {
  const char* env = std::getenv("RAFTCHECK_CHROMIUM");
  return env && *env ? env : "/usr/bin/chromium";
}

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// Loads `html` in headless Chromium and returns the DOM after its scripts ran ("" on failure,
// with the reason recorded as a test failure).
std::string RenderedDom(const std::string& name, const std::string& html) {
  const std::string chromium = ChromiumPath();
  if (access(chromium.c_str(), X_OK) != 0) {
    ADD_FAILURE() << "headless Chromium not found at " << chromium
                  << ": install the Debian package chromium (scripts/test.sh does), or point "
                     "RAFTCHECK_CHROMIUM at a Chromium binary";
    return "";
  }
  const std::string dir = testing::TempDir() + "html_browser_" + name;
  const std::string page = dir + ".html";
  std::ofstream(page, std::ios::binary) << html;
  // --virtual-time-budget lets the page's script finish before the DOM is dumped; a fresh
  // profile directory keeps runs independent; no sandbox, since tests may run as root.
  const std::string command = "timeout 120 " + chromium +
                              " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage"
                              " --no-first-run --user-data-dir=" +
                              dir + ".profile" + " --virtual-time-budget=5000 --dump-dom file://" +
                              page + " >" + dir + ".dom 2>" + dir + ".log";
  const int status = std::system(command.c_str());
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    ADD_FAILURE() << "chromium failed (" << command << "):\n" << ReadFile(dir + ".log");
    return "";
  }
  return ReadFile(dir + ".dom");
}

std::size_t Count(const std::string& text, const std::string& pattern) {
  const std::regex re(pattern);
  return std::distance(std::sregex_iterator(text.begin(), text.end(), re), std::sregex_iterator());
}

std::size_t CountKind(const Timeline& tl, const std::string& kind) {
  return std::count_if(tl.steps.begin(), tl.steps.end(),
                       [&](const TimelineStep& s) { return s.kind == kind; });
}

Timeline Replayed(const Trace& t) {
  base::Result<Replay> replay = ReplayTrace(raftcheck::test_traces::World(), t);
  EXPECT_TRUE(replay.ok()) << replay.status().message();
  return replay.ok() ? replay->timeline : Timeline{};
}

// A clean run of every step kind the diagram draws: node 1 times out and is elected with node
// 3's vote while messages to node 2 are dropped, a vote request is duplicated, and a proposal
// reaches node 3, which then crashes and restarts. Steps are picked by their narration.
Trace ElectionTrace() {
  raftcheck::WorldConfig config;
  config.max_crashes = 1;
  config.max_msgs = 4;  // room for the duplicate: replay expands no state past the bounds
  const raftcheck::ClusterWorld world(config);
  std::vector<raftcheck::WorldState> init;
  world.InitialStates(init);
  raftcheck::WorldState s = init.front();
  std::vector<raftcheck::WorldAction> path;
  for (const char* want :
       {"timeout node 1", "drop PreVote 1->2", "deliver PreVote 1->3", "deliver PreVoteResp 3->1",
        "drop Vote 1->2", "duplicate Vote 1->3", "deliver Vote 1->3", "deliver VoteResp 3->1",
        "drop App 1->2", "deliver App 1->3", "deliver AppResp 3->1", "propose", "deliver App 1->3",
        "crash node 3", "restart node 3"}) {
    std::vector<raftcheck::WorldAction> enabled;
    world.Actions(s, enabled);
    const auto it = std::find_if(enabled.begin(), enabled.end(), [&](const auto& a) {
      return world.DescribeIn(s, a).rfind(want, 0) == 0;
    });
    if (it == enabled.end()) {
      ADD_FAILURE() << "no enabled action \"" << want << "\"";
      break;
    }
    path.push_back(*it);
    world.Apply(s, *it);
  }
  return MakeWorldTrace(world, path, std::nullopt, std::nullopt);
}

TEST(HtmlInBrowser, DrawsEveryStepAndShowsTheLastState) {
  Timeline tl = Replayed(ElectionTrace());
  ASSERT_EQ(tl.steps.size(), 15u);
  // Data that would end the embedded script if it were not escaped must show up as text.
  tl.steps[2].label += " </script><b>x</b>";
  const std::string dom = RenderedDom("election", views::RenderHtml(tl));
  ASSERT_FALSE(dom.empty());
  EXPECT_NE(dom.find("<body data-rendered=\"ok\">"), std::string::npos)
      << dom.substr(0, std::min<std::size_t>(dom.size(), 3000));
  EXPECT_NE(dom.find("<pre id=\"errors\" hidden=\"\"></pre>"), std::string::npos);
  // The diagram: one arrow per message step, marked by kind (the current one is "active").
  EXPECT_EQ(Count(dom, R"re(class="msg deliver( active)?")re"), CountKind(tl, "deliver"));
  EXPECT_EQ(Count(dom, R"re(class="msg drop( active)?")re"), CountKind(tl, "drop"));
  EXPECT_EQ(Count(dom, R"re(class="drop-mark")re"), CountKind(tl, "drop"));
  EXPECT_EQ(Count(dom, R"re(class="msg duplicate( active)?")re"), CountKind(tl, "duplicate"));
  EXPECT_EQ(Count(dom, R"re(class="note kind-(timeout|propose|crash|restart)")re"), 4u);
  EXPECT_NE(dom.find("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;</text>"), std::string::npos);
  // The slider starts at the last step, and the panel shows the state after it.
  EXPECT_NE(dom.find(R"(<input type="range" id="step" min="0" max="15" value="15")"),
            std::string::npos);
  EXPECT_NE(dom.find("<span id=\"step-number\">step 15 of 15</span>"), std::string::npos);
  EXPECT_NE(dom.find("15. restart node 3"), std::string::npos);
  EXPECT_NE(dom.find(R"(data-node="1" data-role="leader" data-up="true")"), std::string::npos);
  EXPECT_NE(dom.find(R"(data-node="3" data-role="follower" data-up="true")"), std::string::npos);
  EXPECT_NE(dom.find("ran clean: 15 steps, no property violated"), std::string::npos);
}

TEST(HtmlInBrowser, ShowsTheViolationAtItsStep) {
  raftcheck::WorldConfig config;  // the default bounds, where BFS finds this bug in < 1 s
  config.bugs.Add(raft::Bug::kPreVoteCountedAsVote);
  const raftcheck::ClusterWorld world(config);
  const auto r = raftcheck::engine::Bfs(world, raftcheck::WorldProperties(world), {});
  ASSERT_TRUE(r.counterexample.has_value());
  const Timeline tl = Replayed(MakeWorldTrace(world, r.counterexample->actions, std::nullopt, {}));
  ASSERT_TRUE(tl.violation.has_value());
  const std::string dom = RenderedDom("violation", views::RenderHtml(tl));
  ASSERT_FALSE(dom.empty());
  EXPECT_NE(dom.find("<body data-rendered=\"ok\">"), std::string::npos);
  const std::string outcome = "violation of " + tl.violation->property;
  EXPECT_NE(dom.find("<p id=\"panel-verdict\">" + outcome), std::string::npos);
  EXPECT_NE(dom.find("id=\"diagram-verdict\">" + outcome), std::string::npos);
  EXPECT_EQ(Count(dom, R"re(class="msg deliver( active)?")re"), CountKind(tl, "deliver"));
  // The bug makes node 1 a leader on a pre-vote.
  EXPECT_NE(dom.find(R"(data-node="1" data-role="leader")"), std::string::npos);
}

}  // namespace
}  // namespace traces
