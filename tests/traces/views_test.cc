// The views of a replayed trace (traces/views/views.h) and `raftcheck replay` with its formats
// and exit codes. Traces come from two sources: the shortest counterexample of bug
// prevote-counted-as-vote (breadth-first search finds it in well under a second at the default
// bounds), and scripted runs of the clean impl, chosen step by step by their narration, that
// hold every kind of step the diagrams mark (deliveries, drops, a duplicate, a crash, a restart).
// Expectations are derived from the replay where another property may report a bug first.
#include "traces/views/views.h"

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "checker/engine/bfs.h"
#include "checker/engine/simulate.h"
#include "checker/world/bug_scenarios.h"
#include "checker/world/liveness.h"
#include "checker/world/swarm.h"
#include "checker/world/world_properties.h"
#include "traces/expect.h"
#include "traces/trace.h"
#include "traces/views/node_state.h"
#include "tests/common/world_traces.h"

namespace traces {
namespace {

using raftcheck::test_traces::MakeWorldTrace;
using raftcheck::test_traces::World;
using props::LogEntry;
using props::NodeRole;
using props::NodeView;

// ---- helpers ------------------------------------------------------------------------------

Trace ShortestTrace(raftcheck::WorldConfig world_config, raft::Bug bug) {
  world_config.bugs.Add(bug);
  const raftcheck::ClusterWorld world(world_config);
  const raftcheck::WorldProperties props(world);
  const auto r = raftcheck::engine::Bfs(world, props, {});
  EXPECT_EQ(r.outcome, raftcheck::engine::Outcome::kViolation);
  const auto& cx = *r.counterexample;
  return MakeWorldTrace(world, cx.actions, Verdict{cx.property, cx.actions.size(), cx.message}, {});
}

// The prevote-counted-as-vote counterexample: node 1 counts a pre-vote grant as a vote.
const Trace& PrevoteTrace() {
  static const Trace trace =
      ShortestTrace(raftcheck::WorldConfig{}, raft::Bug::kPreVoteCountedAsVote);
  return trace;
}

// The trace of the actions whose narrations start with `steps`, one after the other.
Trace Scripted(const raftcheck::WorldConfig& config, const std::vector<std::string>& steps) {
  const raftcheck::ClusterWorld world(config);
  std::vector<raftcheck::WorldState> init;
  world.InitialStates(init);
  raftcheck::WorldState s = init.front();
  std::vector<raftcheck::WorldAction> path;
  for (const std::string& want : steps) {
    std::vector<raftcheck::WorldAction> enabled;
    world.Actions(s, enabled);
    const auto it = std::find_if(enabled.begin(), enabled.end(), [&](const auto& a) {
      return world.DescribeIn(s, a).rfind(want, 0) == 0;
    });
    if (it == enabled.end()) {
      ADD_FAILURE() << "no enabled action \"" << want << "\" at step " << path.size() + 1;
      break;
    }
    path.push_back(*it);
    world.Apply(s, *it);
  }
  return MakeWorldTrace(world, path, std::nullopt, std::nullopt);
}

// The clean impl: node 1 is elected with node 3's vote while node 2 misses the campaign, then
// replicates a value to node 3, which crashes and restarts; a duplicate and drops on the way.
const Trace& ElectionTrace() {
  static const Trace trace = [] {
    raftcheck::WorldConfig w;
    w.max_crashes = 1;
    w.max_msgs = 4;  // room for the duplicate: replay expands no state past the bounds
    return Scripted(
        w,
        {"timeout node 1", "drop PreVote 1->2", "deliver PreVote 1->3", "deliver PreVoteResp 3->1",
         "drop Vote 1->2", "duplicate Vote 1->3", "deliver Vote 1->3", "deliver VoteResp 3->1",
         "deliver Vote 1->3", "drop VoteResp 3->1", "drop App 1->2", "deliver App 1->3",
         "deliver AppResp 3->1", "propose", "deliver App 1->3", "crash node 3", "restart node 3"});
  }();
  return trace;
}

Timeline Replayed(const Trace& t) {
  base::Result<Replay> replay = ReplayTrace(World(), t);
  EXPECT_TRUE(replay.ok()) << replay.status().message();
  return replay.ok() ? replay->timeline : Timeline{};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::size_t CountKind(const Timeline& tl, const std::string& kind) {
  return std::count_if(tl.steps.begin(), tl.steps.end(),
                       [&](const TimelineStep& s) { return s.kind == kind; });
}

NodeView Node(std::uint64_t term, std::uint64_t vote, NodeRole role, std::vector<LogEntry> log,
              std::uint64_t commit) {
  NodeView v;
  v.term = v.durable_term = term;
  v.vote = vote;
  v.role = role;
  v.log = v.durable_log = std::move(log);
  v.commit = commit;
  v.has_durable = true;
  return v;
}

// ---- the shared per-node logic ----------------------------------------------------------

TEST(DiffNodeViews, ReportsEveryChangedFieldInOrder) {
  const NodeView before = Node(1, 0, NodeRole::kFollower, {{1, 0}}, 0);
  const NodeView after = Node(2, 2, NodeRole::kCandidate, {{1, 0}, {2, 0}}, 1);
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, after)),
            "term 1\u21922, vote 0\u21922, role follower\u2192candidate, log +[t2], "
            "commit 0\u21921");
  EXPECT_TRUE(views::DiffNodeViews(after, after).empty());
}

TEST(DiffNodeViews, TruncatedLogShowsWhatWentAndWhatCame) {
  const NodeView before = Node(2, 1, NodeRole::kFollower, {{1, 0}, {1, 1}}, 1);
  const NodeView after = Node(2, 1, NodeRole::kFollower, {{1, 0}, {2, 0}}, 1);
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, after)), "log -[t1:v1] +[t2]");
}

TEST(DiffNodeViews, CrashSaysDownAndWhatWasLostButNoRole) {
  NodeView before = Node(2, 1, NodeRole::kLeader, {{1, 0}, {2, 1}}, 1);
  before.durable_log = {{1, 0}};  // the second entry was never persisted
  before.match = {2, 1, 0};
  NodeView after = Node(2, 0, NodeRole::kFollower, {{1, 0}}, 1);  // the vote was not durable
  after.up = false;
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, after)),
            "down, vote 1\u21920, log -[t2:v1]");
}

TEST(DiffNodeViews, DurableFieldsOnlyWhereTheyMoveApartFromTheVolatileOnes) {
  const NodeView before = Node(1, 1, NodeRole::kFollower, {{1, 0}}, 0);
  NodeView appended = before;  // an entry taken but not yet persisted (ready as an action)
  appended.log.push_back({1, 1});
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, appended)), "log +[t1:v1]");
  NodeView persisted = appended;
  persisted.durable_log.push_back({1, 1});
  persisted.durable_term = 1;
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(appended, persisted)), "durable log +[t1:v1]");
  NodeView both = Node(1, 1, NodeRole::kFollower, {{1, 0}, {1, 1}}, 0);  // in one step
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, both)), "log +[t1:v1]");
}

TEST(DiffNodeViews, LeaderMatchChangesArePerNode) {
  NodeView before = Node(1, 1, NodeRole::kLeader, {{1, 0}}, 0);
  before.match = {1, 0, 0};
  NodeView after = before;
  after.match = {1, 1, 0};
  EXPECT_EQ(views::JoinChanges(views::DiffNodeViews(before, after)), "match n2 0\u21921");
}

TEST(NodeStateJson, HoldsEveryFieldTheViewsShow) {
  NodeView v = Node(3, 2, NodeRole::kLeader, {{1, 0}, {3, 1}}, 2);
  v.applied = {{1, 0}};
  v.match = {2, 2, 0};
  v.next = {3, 3, 1};
  const auto j = views::NodeStateJson(v, 2);
  EXPECT_EQ(j.dump(),
            R"({"id":2,"up":true,"role":"leader","term":3,"vote":2,"commit":2,)"
            R"("log":[{"term":1,"value":0},{"term":3,"value":1}],"applied":[{"term":1,"value":0}],)"
            R"("durable":{"term":3,"log":[{"term":1,"value":0},{"term":3,"value":1}]},)"
            R"("match":[2,2,0],"next":[3,3,1]})");
}

// ---- the views of a real counterexample --------------------------------------------------

TEST(RenderText, NarratesEachStepThenTheChangedFieldsThenTheVerdict) {
  const Timeline tl = Replayed(ElectionTrace());
  const std::vector<std::string> lines = Lines(views::RenderText(tl));
  EXPECT_EQ(lines.front().rfind("impl trace, 3 nodes: {", 0), 0u) << lines.front();
  EXPECT_EQ(lines.back(), "ran clean: 17 steps, no property violated");
  // Step 1: node 1's election timeout makes it a pre-candidate (PreVote is on by default).
  EXPECT_EQ(lines[1], "  1. timeout node 1");
  EXPECT_EQ(lines[2], "      n1: role follower\u2192pre-candidate");
  const auto after = [&](const std::string& step) {
    const auto it = std::find(lines.begin(), lines.end(), step);
    return it == lines.end() || it + 1 == lines.end() ? "(no step " + step + ")" : *(it + 1);
  };
  // Node 3 grants its vote; node 1 wins with it and appends its no-op entry.
  EXPECT_EQ(after("  7. deliver Vote 1->3 t1 last0 lt0"), "      n3: term 0\u21921, vote 0\u21921");
  EXPECT_EQ(after("  8. deliver VoteResp 3->1 t1 grant"),
            "      n1: role candidate\u2192leader, log +[t1]");
  EXPECT_EQ(after(" 13. deliver AppResp 3->1 t1 idx1"),
            "      n1: commit 0\u21921, applied +[t1], match n3 0\u21921");
  EXPECT_EQ(after(" 16. crash node 3"), "      n3: down");  // its commit index was persisted
  EXPECT_EQ(after(" 17. restart node 3"), "      n3: up");
}

TEST(RenderText, EndsWithThePropertyAndWhyItFailed) {
  const Timeline tl = Replayed(PrevoteTrace());
  ASSERT_TRUE(tl.violation.has_value());
  const std::vector<std::string> lines = Lines(views::RenderText(tl));
  EXPECT_EQ(lines.back(), "violation of " + tl.violation->property + " after step " +
                              std::to_string(tl.violation->step) + ": " + tl.violation->message);
  // The step where node 1 takes a pre-vote grant for a vote and leads term 1.
  const std::string leader = "role pre-candidate\u2192leader";
  EXPECT_EQ(std::count_if(lines.begin(), lines.end(),
                          [&](const std::string& l) {
                            return l.rfind("      n1: ", 0) == 0 && l.find(leader) != l.npos;
                          }),
            1);
}

TEST(RenderText, StoppedRunsSayWhere) {
  Timeline tl = Replayed(ElectionTrace());
  tl.stopped = "step 18: no such message in flight: App 1->2";
  EXPECT_EQ(Lines(views::RenderText(tl)).back(),
            "stopped early at step 18: no such message in flight: App 1->2 (no property "
            "violated in the 17 steps before)");
}

TEST(RenderMermaid, OneArrowPerDeliveryAndOneMarkedArrowPerDropOrDuplicate) {
  const Timeline tl = Replayed(ElectionTrace());
  const std::string mermaid = views::RenderMermaid(tl);
  const std::vector<std::string> lines = Lines(mermaid);
  ASSERT_GT(lines.size(), 4u);
  EXPECT_EQ(lines[0], "sequenceDiagram");
  EXPECT_EQ(lines[1], "    participant n1");
  EXPECT_EQ(lines[3], "    participant n3");
  std::size_t deliveries = 0, drops = 0, duplicates = 0;
  for (const std::string& line : lines) {
    if (std::regex_search(line, std::regex(R"(^    n\d->>n\d: \d+\. )"))) ++deliveries;
    if (std::regex_search(line, std::regex(R"(^    n\d-xn\d: \d+\. dropped )"))) ++drops;
    if (std::regex_search(line, std::regex(R"(^    n\d--\)n\d: \d+\. duplicated )"))) {
      ++duplicates;
    }
  }
  EXPECT_EQ(deliveries, CountKind(tl, "deliver"));
  EXPECT_EQ(drops, CountKind(tl, "drop"));
  EXPECT_EQ(duplicates, CountKind(tl, "duplicate"));
  EXPECT_EQ(drops, 4u);
  EXPECT_EQ(duplicates, 1u);
  for (const char* note :
       {"    Note over n1: 1. timeout, becomes pre-candidate\n",
        "    Note over n1: becomes leader in term 1\n", "    Note over n3: 16. crash, down\n",
        "    Note over n3: 17. restart, up\n"}) {
    EXPECT_NE(mermaid.find(note), std::string::npos) << note << mermaid;
  }
  EXPECT_EQ(lines.back(), "    Note over n1,n3: ran clean: 17 steps, no property violated");
}

TEST(RenderMermaid, EndsWithTheViolationOverEveryNode) {
  const Timeline tl = Replayed(PrevoteTrace());
  EXPECT_EQ(Lines(views::RenderMermaid(tl)).back(),
            "    Note over n1,n3: violation of " + tl.violation->property + " after step " +
                std::to_string(tl.violation->step) + ": " + tl.violation->message);
}

TEST(RenderMermaid, EscapesWhatMermaidReadsAsSyntax) {
  Timeline tl;
  tl.system = "test";
  tl.nodes = 2;
  tl.initial.nodes.resize(2);
  TimelineStep step;
  step.kind = "deliver";
  step.node = 2;
  step.from = 1;
  step.label = "Msg; #1 <br> 50%%\nnext";
  step.after = tl.initial;
  tl.steps.push_back(step);
  TimelineStep dup = step;
  dup.kind = "duplicate";
  tl.steps.push_back(dup);
  const std::vector<std::string> lines = Lines(views::RenderMermaid(tl));
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[3], "    n1->>n2: 1. Msg#59; #35;1 #60;br> 50#37;#37; next");
  EXPECT_EQ(lines[4], "    n1--)n2: 2. duplicated Msg#59; #35;1 #60;br> 50#37;#37; next");
}

TEST(RenderJson, RoundTripsEveryStepAndTheVerdict) {
  const Timeline tl = Replayed(ElectionTrace());
  const auto j = nlohmann::json::parse(views::RenderJson(tl));
  EXPECT_EQ(j["format"], "raftcheck-timeline");
  EXPECT_EQ(j["system"], "impl");
  EXPECT_EQ(j["nodes"], 3);
  EXPECT_EQ(j["config"], tl.config);
  ASSERT_EQ(j["steps"].size(), tl.steps.size());
  for (std::size_t k = 0; k < tl.steps.size(); ++k) {
    const nlohmann::json& s = j["steps"][k];
    const TimelineStep& want = tl.steps[k];
    EXPECT_EQ(s["step"], k + 1);
    EXPECT_EQ(s["kind"], want.kind);
    EXPECT_EQ(s["node"], want.node);
    EXPECT_EQ(s["from"], want.from);
    EXPECT_EQ(s["label"], want.label);
    EXPECT_EQ(s["text"], want.text);
    ASSERT_EQ(s["state"].size(), want.after.nodes.size());
    for (std::size_t i = 0; i < want.after.nodes.size(); ++i) {
      EXPECT_EQ(s["state"][i],
                nlohmann::json::parse(
                    views::NodeStateJson(want.after.nodes[i], static_cast<int>(i) + 1).dump()));
    }
  }
  EXPECT_TRUE(j["violation"].is_null());
  EXPECT_EQ(j["outcome"], views::OutcomeSentence(tl));
  const Timeline bad = Replayed(PrevoteTrace());
  const auto v = nlohmann::json::parse(views::RenderJson(bad))["violation"];
  EXPECT_EQ(v["property"], bad.violation->property);
  EXPECT_EQ(v["step"], bad.violation->step);
  EXPECT_EQ(v["message"], bad.violation->message);
  // The same document as a value.
  EXPECT_EQ(j.dump(), nlohmann::json::parse(views::TimelineToJson(tl).dump()).dump());
}

TEST(RenderHtml, EmbeddedDataCannotCloseItsScript) {
  Timeline tl = Replayed(ElectionTrace());
  tl.steps[1].label = "</script><script>alert(1)</script> & <!--";
  const std::string html = views::RenderHtml(tl);
  std::size_t closes = 0;
  for (std::size_t at = html.find("</script>"); at != std::string::npos;
       at = html.find("</script>", at + 1)) {
    ++closes;
  }
  EXPECT_EQ(closes, 2u);  // the data block's and the script's own
  const std::string open = "<script type=\"application/json\" id=\"timeline-data\">";
  const std::size_t begin = html.find(open) + open.size();
  const auto data =
      nlohmann::json::parse(html.substr(begin, html.find("</script>", begin) - begin));
  EXPECT_EQ(data["steps"][1]["label"], tl.steps[1].label);
}

TEST(Views, SameTraceGivesByteIdenticalOutput) {
  const Timeline a = Replayed(ElectionTrace());
  const Timeline b = Replayed(ElectionTrace());
  EXPECT_EQ(views::RenderText(a), views::RenderText(b));
  EXPECT_EQ(views::RenderMermaid(a), views::RenderMermaid(b));
  EXPECT_EQ(views::RenderHtml(a), views::RenderHtml(b));
  EXPECT_EQ(views::RenderJson(a), views::RenderJson(b));
}

// Every seeded bug's counterexample renders in every view. The traces come from swarm
// simulation with a pinned seed (it finds each safety bug within 10,000 runs in a few
// seconds at most, where breadth-first search takes up to a minute for some), and from the
// liveness check for the liveness bugs (whose traces replay clean: progress is not a safety
// property), or from explore --liveness for those it shows. The timed bugs' traces take tens of seconds of virtual-time simulation to find
// (seeded_bugs_test does): their corpus entries are those traces, minimized.
class EveryBug : public testing::TestWithParam<raftcheck::BugScenario> {};

Trace CounterexampleOf(const raftcheck::BugScenario& scenario) {
  if (scenario.timed) {
    base::Result<Trace> t = ReadTraceFile(std::string(RAFTCHECK_CORPUS_DIR) + "/" +
                                          std::string(raft::BugName(scenario.bug)) +
                                          ".trace.json");
    EXPECT_TRUE(t.ok()) << t.status().message();
    return t.ok() ? *std::move(t) : Trace{};
  }
  if (scenario.explored) {  // explore --liveness, as the CLI runs it
    raftcheck::WorldConfig w = scenario.bounds;
    w.bugs.Add(scenario.bug);
    base::Result<std::unique_ptr<raftcheck::registry::Instance>> instance =
        World().FromJson(raftcheck::ConfigToJson(w));
    EXPECT_TRUE(instance.ok()) << instance.status().message();
    if (!instance.ok()) return {};
    raftcheck::registry::ExploreRequest request;
    request.search.threads = 2;
    request.liveness = true;
    const raftcheck::registry::ExploreResult r = (*instance)->Explore(request);
    EXPECT_TRUE(r.counterexample.has_value()) << r.reason;
    if (!r.counterexample) return {};
    const raftcheck::registry::Counterexample& cx = *r.counterexample;
    Trace t;
    t.system = "impl";
    t.config = raftcheck::ConfigToJson(w);
    t.actions = cx.actions;
    t.verdict = Verdict{cx.property, cx.actions.size(), cx.message, /*liveness=*/true};
    return t;
  }
  if (scenario.liveness) {
    raftcheck::WorldConfig w = scenario.bounds;
    w.bugs.Add(scenario.bug);
    const raftcheck::ClusterWorld world(w);
    raftcheck::LivenessOptions options;
    options.seed = 1;
    const raftcheck::LivenessResult r = raftcheck::CheckProgress(world, options);
    EXPECT_TRUE(r.violated);
    return MakeWorldTrace(world, r.actions,
                          Verdict{"progress", r.actions.size(), r.message, /*liveness=*/true}, {});
  }
  const raftcheck::ClusterWorld world(raftcheck::SwarmWorldFor(scenario));
  const raftcheck::WorldProperties props(world);
  raftcheck::engine::SimulationOptions options;
  options.seed = 1;  // pinned, as in the seeded-bug tests
  options.runs = raftcheck::SwarmRunsFor(scenario);
  options.max_steps = 200;
  const auto r = raftcheck::engine::Simulate(world, props, options, raftcheck::SwarmChooser(true));
  EXPECT_EQ(r.outcome, raftcheck::engine::Outcome::kViolation);
  if (!r.counterexample) return {};
  const auto& cx = *r.counterexample;
  return MakeWorldTrace(world, cx.actions, Verdict{cx.property, cx.actions.size(), cx.message}, 1);
}

TEST_P(EveryBug, CounterexampleRendersInEveryView) {
  const Trace trace = CounterexampleOf(GetParam());
  ASSERT_FALSE(trace.actions.empty());
  base::Result<Replay> replay = ReplayTrace(World(), trace);
  ASSERT_TRUE(replay.ok()) << replay.status().message();
  const Timeline tl = replay->timeline;
  ASSERT_FALSE(tl.steps.empty());
  const std::string outcome = views::OutcomeSentence(tl);
  if (!GetParam().liveness) {
    EXPECT_EQ(tl.violation, trace.verdict);
    EXPECT_EQ(outcome.rfind("violation of " + trace.verdict->property, 0), 0u) << outcome;
  }
  EXPECT_EQ(Lines(views::RenderText(tl)).back(), outcome);
  const std::string mermaid = views::RenderMermaid(tl);
  EXPECT_EQ(mermaid.rfind("sequenceDiagram\n", 0), 0u);
  EXPECT_NE(mermaid.find("    Note over n1,n" + std::to_string(tl.nodes) + ": "),
            std::string::npos);
  const auto json = nlohmann::json::parse(views::RenderJson(tl));
  EXPECT_EQ(json["steps"].size(), tl.steps.size());
  EXPECT_EQ(json["outcome"], outcome);
  const std::string html = views::RenderHtml(tl);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("max=\"" + std::to_string(tl.steps.size()) + "\""), std::string::npos);
}

std::string BugName(const testing::TestParamInfo<raftcheck::BugScenario>& info) {
  std::string name(raft::BugName(info.param.bug));
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Catalog, EveryBug,
                         testing::ValuesIn(raftcheck::BugScenarios().begin(),
                                           raftcheck::BugScenarios().end()),
                         BugName);

// ---- raftcheck replay ----------------------------------------------------------------------

struct CliRun {
  int code = -1;
  std::string out;
  std::string err;
};

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(f), {});
}

// A file name in the temporary directory that no other test uses (ctest runs tests in parallel).
std::string TestFile(const std::string& name) {
  return testing::TempDir() + testing::UnitTest::GetInstance()->current_test_info()->name() +
         "." + name;
}

CliRun Raftcheck(const std::string& args) {
  const std::string out = TestFile("stdout");
  const std::string err = TestFile("stderr");
  const int status =
      std::system((std::string(RAFTCHECK_BINARY) + " " + args + " >" + out + " 2>" + err).c_str());
  return CliRun{WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadFile(out), ReadFile(err)};
}

std::string WriteTrace(const std::string& name, const Trace& t) {
  const std::string path = TestFile(name);
  const base::Status written = WriteTraceFile(path, t);
  EXPECT_TRUE(written.ok()) << written.message();
  return path;
}

// "election-safety after step 9", as the replay notes name a verdict.
std::string Named(const Verdict& v) { return v.property + " after step " + std::to_string(v.step); }

TEST(ReplayCli, EveryFormatShowsTheViolationAndExits1) {
  const std::string path = WriteTrace("prevote.trace.json", PrevoteTrace());
  const Verdict& verdict = *PrevoteTrace().verdict;
  const CliRun text = Raftcheck("replay " + path);
  EXPECT_EQ(text.code, 1) << text.err;
  EXPECT_EQ(text.out, views::RenderText(Replayed(PrevoteTrace())));
  const CliRun mermaid = Raftcheck("replay " + path + " --format mermaid");
  EXPECT_EQ(mermaid.code, 1);
  EXPECT_EQ(mermaid.out.rfind("sequenceDiagram\n", 0), 0u);
  EXPECT_NE(mermaid.out.find("violation of " + verdict.property), std::string::npos);
  const CliRun json = Raftcheck("replay " + path + " --format json");
  EXPECT_EQ(json.code, 1);
  EXPECT_EQ(nlohmann::json::parse(json.out)["violation"]["property"], verdict.property);
  const CliRun html = Raftcheck("replay " + path + " --format html");
  EXPECT_EQ(html.code, 1);
  EXPECT_NE(html.out.find("<p id=\"outcome\" class=\"outcome violation\">violation of " +
                          verdict.property),
            std::string::npos);
}

TEST(ReplayCli, ACleanTraceExits0) {
  const CliRun r = Raftcheck("replay " + WriteTrace("election.trace.json", ElectionTrace()));
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Lines(r.out).back(), "ran clean: 17 steps, no property violated");
}

TEST(ReplayCli, OutWritesTheRenderingAndPrintsOneSummaryLine) {
  const std::string path = WriteTrace("prevote.trace.json", PrevoteTrace());
  const std::string file = TestFile("prevote.mmd");
  const CliRun r = Raftcheck("replay " + path + " --format mermaid --out " + file);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 1) << r.out;
  EXPECT_NE(r.out.find(file), std::string::npos);
  EXPECT_NE(r.out.find("violation of " + Named(*PrevoteTrace().verdict)), std::string::npos);
  EXPECT_EQ(ReadFile(file), views::RenderMermaid(Replayed(PrevoteTrace())));
}

TEST(ReplayCli, WithoutBugsStopsWhereTheFixedCodeDivergesAndExits0) {
  raftcheck::WorldConfig w;
  w.bugs.Add(raft::Bug::kPreVoteCountedAsVote);
  // With the bug node 1 leads after step 3 and sends appends; without it, it is a candidate
  // and sends vote requests, so step 4 (an append) is not enabled.
  Trace t = Scripted(
      w, {"timeout node 1", "deliver PreVote 1->2", "deliver PreVoteResp 2->1", "drop App 1->2"});
  t.verdict = Replayed(t).violation;
  ASSERT_TRUE(t.verdict.has_value());
  const CliRun r = Raftcheck("replay " + WriteTrace("diverging.trace.json", t) + " --without-bugs");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  const std::vector<std::string> lines = Lines(r.out);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_NE(lines.front().find("\"bugs\":[]"), std::string::npos) << lines.front();
  EXPECT_EQ(lines[lines.size() - 2].rfind("stopped early at step 4: ", 0), 0u) << r.out;
  EXPECT_EQ(lines.back(),
            "without the seeded bugs the recorded " + Named(*t.verdict) + " does not happen");
}

TEST(ReplayCli, AVerdictOtherThanTheRecordedOneIsSaidInOneLine) {
  Trace t = PrevoteTrace();
  t.verdict->property = "no-such-property";
  const std::string path = WriteTrace("relabelled.trace.json", t);
  const CliRun r = Raftcheck("replay " + path);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(Lines(r.out).back(), "note: the trace recorded " + Named(*t.verdict) +
                                     ", this replay found " + Named(*PrevoteTrace().verdict));
  // In a format that a note would corrupt, the note goes to stderr.
  const CliRun json = Raftcheck("replay " + path + " --format json");
  EXPECT_EQ(json.code, 1);
  EXPECT_TRUE(nlohmann::json::accept(json.out)) << json.out;
  EXPECT_NE(json.err.find("note: the trace recorded no-such-property"), std::string::npos);
}

TEST(ReplayCli, AnUnmetExpectationIsAViolation) {
  Trace t = PrevoteTrace();
  t.verdict.reset();
  t.actions.resize(1);  // node 1 times out: a pre-candidate, not a leader
  t.expect = nlohmann::json::array({{{"node", 1}, {"role", "leader"}}});
  const CliRun r = Raftcheck("replay " + WriteTrace("scenario.trace.json", t) + " --format json");
  EXPECT_EQ(r.code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["violation"]["property"], kExpectedState);
  EXPECT_EQ(j["outcome"].get<std::string>().rfind("expected state not met after step 1: ", 0), 0u)
      << j["outcome"];
}

TEST(ReplayCli, AnExpectationAboutAMissingOrRepeatedNodeIsAnInputError) {
  Trace t = PrevoteTrace();
  t.verdict.reset();
  for (const nlohmann::json& expect :
       {nlohmann::json::array({{{"node", 9}, {"term", 1}}}),
        nlohmann::json::array({{{"node", 1}, {"term", 1}}, {{"node", 1}, {"vote", 1}}})}) {
    t.expect = expect;
    const CliRun r = Raftcheck("replay " + WriteTrace("bad-expect.trace.json", t));
    EXPECT_EQ(r.code, 2) << expect.dump() << ": " << r.out;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  }
}

TEST(ReplayCli, ATraceThatCannotBeReplayedIsOneLineAndExit2) {
  Trace t = PrevoteTrace();
  t.actions.erase(t.actions.begin());  // without the timeout no PreVote is ever sent
  t.verdict.reset();
  const std::string path = WriteTrace("broken.trace.json", t);
  for (const char* format : {"text", "html"}) {
    const CliRun r = Raftcheck("replay " + path + " --format " + format);
    EXPECT_EQ(r.code, 2);
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_EQ(Lines(r.err).size(), 1u) << r.err;
    EXPECT_NE(r.err.find(path + ": step 1: "), std::string::npos) << r.err;
  }
  const CliRun bad_format = Raftcheck("replay " + path + " --format svg");
  EXPECT_EQ(bad_format.code, 2);
  EXPECT_EQ(Lines(bad_format.err).size(), 1u) << bad_format.err;
  const CliRun missing = Raftcheck("replay " + TestFile("no-such.trace.json"));
  EXPECT_EQ(missing.code, 2);
  EXPECT_EQ(Lines(missing.err).size(), 1u) << missing.err;
}

}  // namespace
}  // namespace traces
