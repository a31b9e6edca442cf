// Shared helpers of the property tests; see world_gen.h.
#include "tests/property/world_gen.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "properties/properties.h"
#include "traces/expect.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {

WorldConfig DefaultBounds() { return WorldConfig{}; }

WorldConfig CrashBounds() {
  WorldConfig w;
  w.max_crashes = 1;
  w.ready_action = true;
  return w;
}

WorldConfig LooseBounds() {
  WorldConfig w = SimulationDefaults();
  w.ready_action = true;
  return w;
}

WorldConfig LooseBoundsWithoutPreVote() {
  WorldConfig w = LooseBounds();
  w.pre_vote = false;
  return w;
}

const std::vector<BugWorld>& QuickBugWorlds() {
  static const std::vector<BugWorld> kWorlds = [] {
    std::vector<BugWorld> out{{raft::Bug::kPreVoteCountedAsVote, LooseBounds()},
                              {raft::Bug::kVoteWithoutLogCheck, LooseBoundsWithoutPreVote()}};
    for (BugWorld& b : out) b.world.bugs.Add(b.bug);
    return out;
  }();
  return kWorlds;
}

rc::Gen<WorldConfig> GenWorldConfig() {
  return rc::gen::exec([] {
    WorldConfig w;
    // Small on purpose: walks of a dozen steps should reach the bounds now and then.
    w.nodes = *Uniform(1, 6);
    w.values = *Uniform(0, 4);
    w.max_term = *Uniform<std::uint64_t>(1, 5);
    w.max_log = *Uniform<std::uint64_t>(1, 5);
    w.max_msgs = *Uniform(0, 7);
    w.max_crashes = *Uniform(0, 3);
    w.drop = (*Uniform(0, 2) == 1);
    w.duplicate = (*Uniform(0, 2) == 1);
    w.restart = (*Uniform(0, 2) == 1);
    w.ready_action = (*Uniform(0, 2) == 1);
    w.pre_vote = (*Uniform(0, 2) == 1);
    w.single_entry_appends = (*Uniform(0, 2) == 1);
    const int bug_count = static_cast<int>(raft::BugCatalog().size());
    const auto bits = *Uniform<std::uint32_t>(0, 1U << bug_count);
    for (int b = 0; b < bug_count; ++b) {
      if ((bits >> b) & 1U) w.bugs.Add(static_cast<raft::Bug>(b));
    }
    return w;
  });
}

WorldState InitialState(const ClusterWorld& world) {
  std::vector<WorldState> init;
  world.InitialStates(init);
  return init.front();
}

std::vector<WorldAction> WalkActions(const ClusterWorld& world, const WorldState& s) {
  std::vector<WorldAction> out;
  if (world.InBounds(s)) world.Actions(s, out);
  return out;
}

Walk DrawWalk(const ClusterWorld& world, std::size_t max_steps, const WorldProperties* props,
              std::size_t min_steps) {
  Walk w;
  w.states.push_back(InitialState(world));
  if (props) {
    w.violation = props->CheckState(w.states.back());
    if (w.violation) return w;
  }
  const std::size_t length = *Uniform(min_steps, max_steps + 1);
  for (std::size_t k = 0; k < length; ++k) {
    const std::vector<WorldAction> enabled = WalkActions(world, w.states.back());
    if (enabled.empty()) break;
    const WorldAction a = enabled[DrawIndex(enabled.size())];
    WorldState next = w.states.back();
    world.Apply(next, a);
    w.actions.push_back(a);
    w.states.push_back(std::move(next));
    if (props) {
      w.violation = engine::CheckTransition<ClusterWorld>(
          *props, w.states[w.states.size() - 2], a, w.states.back(), /*check_next_state=*/true);
      if (w.violation) break;
    }
  }
  return w;
}

namespace {

rc::Gen<nlohmann::json> GenExpect() {
  return rc::gen::exec([] {
    nlohmann::json expect = nlohmann::json::array();
    const int count = *rc::gen::inRange(0, 4);
    for (int i = 0; i < count; ++i) {
      nlohmann::json e{{"node", i + 1}};  // one entry per node: a repeat is an error
      if (*rc::gen::arbitrary<bool>()) e["up"] = *rc::gen::arbitrary<bool>();
      if (*rc::gen::arbitrary<bool>()) e["term"] = *rc::gen::inRange(0, 10);
      if (*rc::gen::arbitrary<bool>()) e["vote"] = *rc::gen::inRange(0, 6);
      if (*rc::gen::arbitrary<bool>()) {
        e["role"] = traces::RoleName(static_cast<props::NodeRole>(*rc::gen::inRange(0, 4)));
      }
      if (*rc::gen::arbitrary<bool>()) e["commit"] = *rc::gen::inRange(0, 10);
      if (*rc::gen::arbitrary<bool>()) {
        e["log_terms"] = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 5));
      }
      if (*rc::gen::arbitrary<bool>()) {
        e["applied"] = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 10));
      }
      expect.push_back(std::move(e));
    }
    return expect;
  });
}

}  // namespace

rc::Gen<traces::Trace> GenTrace(bool include_expect) {
  return rc::gen::exec([include_expect] {
    const ClusterWorld world(*GenWorldConfig());
    const Walk walk = DrawWalk(world, 12);
    std::optional<traces::Verdict> verdict;
    if (*rc::gen::arbitrary<bool>()) {
      std::vector<std::string> names{kNodeInvariant, traces::kExpectedState};
      for (const props::PropertyInfo& p : props::Catalog()) names.emplace_back(p.name);
      // Messages are sentences the properties write: printable ASCII.
      verdict = traces::Verdict{
          *rc::gen::elementOf(names), *rc::gen::inRange<std::size_t>(0, walk.actions.size() + 1),
          *rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~' + 1)),
          *rc::gen::arbitrary<bool>()};
    }
    std::optional<std::uint64_t> seed;
    if (*rc::gen::arbitrary<bool>()) seed = *rc::gen::arbitrary<std::uint64_t>();
    traces::Trace t = test_traces::MakeWorldTrace(world, walk.actions, verdict, seed);
    t.system = *rc::gen::elementOf(std::vector<std::string>{"impl", "model"});
    if (include_expect && *rc::gen::arbitrary<bool>()) t.expect = *GenExpect();
    if (*rc::gen::arbitrary<bool>()) {
      // Narration lines are what the text view writes: printable, with UTF-8 arrows.
      t.narration = *rc::gen::container<std::vector<std::string>>(
          rc::gen::map(rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~' + 1)),
                       [](std::string line) { return line + "\u2192"; }));
    }
    return t;
  });
}

namespace {

// Appends "what: a vs b" to *out when they differ and *out is still empty.
template <class T>
void Differ(const std::string& what, const T& a, const T& b, std::string* out) {
  if (!out->empty() || a == b) return;
  std::ostringstream os;
  os << what << " differs";
  if constexpr (requires(std::ostream & o, const T& v) { o << v; }) {
    os << ": " << a << " vs " << b;
  }
  *out = os.str();
}

}  // namespace

std::string TraceDiff(const traces::Trace& a, const traces::Trace& b) {
  auto json_or_none = [](const auto& o) { return o ? nlohmann::json(*o) : nlohmann::json(); };
  auto verdict = [](const std::optional<traces::Verdict>& v) {
    return v ? nlohmann::json{v->property, v->step, v->message, v->liveness} : nlohmann::json();
  };
  std::string d;
  Differ("system", a.system, b.system, &d);
  Differ("config", a.config.dump(), b.config.dump(), &d);
  Differ("seed", json_or_none(a.seed).dump(), json_or_none(b.seed).dump(), &d);
  Differ("action count", a.actions.size(), b.actions.size(), &d);
  for (std::size_t i = 0; d.empty() && i < a.actions.size(); ++i) {
    Differ("action " + std::to_string(i + 1), a.actions[i].dump(), b.actions[i].dump(), &d);
  }
  Differ("verdict", verdict(a.verdict).dump(), verdict(b.verdict).dump(), &d);
  Differ("expect", json_or_none(a.expect).dump(), json_or_none(b.expect).dump(), &d);
  Differ("narration", json_or_none(a.narration).dump(), json_or_none(b.narration).dump(), &d);
  if (d.empty() && !(a == b)) d = "the traces differ in a field TraceDiff does not know";
  return d;
}

std::string ObservationDiff(const props::Observation& a, const props::Observation& b) {
  std::string d;
  Differ("node count", a.nodes.size(), b.nodes.size(), &d);
  for (std::size_t i = 0; d.empty() && i < a.nodes.size(); ++i) {
    const props::NodeView& x = a.nodes[i];
    const props::NodeView& y = b.nodes[i];
    const std::string n = "node " + std::to_string(i + 1) + " ";
    Differ(n + "up", x.up, y.up, &d);
    Differ(n + "term", x.term, y.term, &d);
    Differ(n + "vote", x.vote, y.vote, &d);
    Differ(n + "role", static_cast<int>(x.role), static_cast<int>(y.role), &d);
    Differ(n + "log", x.log, y.log, &d);
    Differ(n + "commit", x.commit, y.commit, &d);
    Differ(n + "applied", x.applied, y.applied, &d);
    Differ(n + "has_durable", x.has_durable, y.has_durable, &d);
    Differ(n + "durable_term", x.durable_term, y.durable_term, &d);
    Differ(n + "durable_log", x.durable_log, y.durable_log, &d);
    Differ(n + "match", x.match, y.match, &d);
    Differ(n + "next", x.next, y.next, &d);
  }
  Differ("has_history", a.has_history, b.has_history, &d);
  Differ("leader history", a.leaders, b.leaders, &d);
  Differ("committed history", a.committed, b.committed, &d);
  return d;
}

std::string TracePathForCurrentTest() {
  const char* env = std::getenv("RAFTCHECK_PROPERTY_OUT");
  const std::filesystem::path dir = env && *env ? env : RAFTCHECK_PROPERTY_OUT_DEFAULT;
  std::filesystem::create_directories(dir);
  const testing::TestInfo* info = testing::UnitTest::GetInstance()->current_test_info();
  std::string name = info ? std::string(info->test_suite_name()) + "." + info->name() : "case";
  for (char& c : name) {
    if (c == '/') c = '_';  // parameterized tests
  }
  return (dir / (name + ".trace.json")).string();
}

}  // namespace raftcheck::proptest
