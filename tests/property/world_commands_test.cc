// Stateful property tests of the cluster world (world_commands.h): with the clean impl every
// property holds after every generated command, at four sets of bounds; with a seeded bug on,
// rapidcheck finds a violation and shrinks it, and the trace file it leaves replays strictly
// to the same violation, is no longer than the unshrunk case, and runs clean with the bug off.
#include "tests/property/world_commands.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "impl/bugs.h"
#include "tests/property/world_gen.h"
#include "traces/trace.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {
namespace {

RC_GTEST_PROP(WorldCommands, CleanImpl_DefaultBounds_EveryPropertyHoldsAfterEveryAction, ()) {
  FailureLog log{TracePathForCurrentTest()};
  CheckWorldCommands(DefaultBounds(), &log);
}

RC_GTEST_PROP(WorldCommands, CleanImpl_CrashAndReadyAction_EveryPropertyHoldsAfterEveryAction, ()) {
  FailureLog log{TracePathForCurrentTest()};
  CheckWorldCommands(CrashBounds(), &log);
}

RC_GTEST_PROP(WorldCommands, CleanImpl_LooseBounds_EveryPropertyHoldsAfterEveryAction, ()) {
  FailureLog log{TracePathForCurrentTest()};
  CheckWorldCommands(LooseBounds(), &log);
}

RC_GTEST_PROP(WorldCommands, CleanImpl_LooseBoundsWithoutPreVote_EveryPropertyHoldsAfterEveryAction,
              ()) {
  FailureLog log{TracePathForCurrentTest()};
  CheckWorldCommands(LooseBoundsWithoutPreVote(), &log);
}

// The seeded bugs of QuickBugWorlds(), each in its world. The pinned run finds them at case 38
// and 56 of 100 (an unpinned one at 37 and 43); the nightly run has 2,000 cases.
class SeededBugCommands : public testing::TestWithParam<BugWorld> {};

TEST_P(SeededBugCommands, IsFoundShrunkAndWrittenAsATraceThatReplaysToTheSameViolation) {
  const BugWorld& param = GetParam();
  const std::string name(raft::BugName(param.bug));
  FailureLog log{TracePathForCurrentTest()};
  std::cerr << "[ expected ] rapidcheck reports a falsified property below (bug " << name
            << " is on)\n";
  const bool held =
      rc::check("cluster world with bug " + name, [&] { CheckWorldCommands(param.world, &log); });
  ASSERT_FALSE(held) << "rapidcheck found no violation with bug " << name << " on";
  ASSERT_GE(log.failures, 1U) << "the case failed without a property violation (see above)";

  // The file holds the last failing execution: rapidcheck's shrunk case.
  base::Result<traces::Trace> read = traces::ReadTraceFile(log.path);
  ASSERT_TRUE(read.ok()) << read.status().message();
  const traces::Trace& trace = *read;
  EXPECT_EQ(trace.actions.size(), log.last_length);
  EXPECT_LE(trace.actions.size(), log.first_length) << "shrinking made the case longer";
  ASSERT_TRUE(trace.verdict.has_value());
  EXPECT_EQ(trace.verdict->property, log.property);

  base::Result<test_traces::WorldReplay> replay = test_traces::ReplayWorldTrace(trace);
  ASSERT_TRUE(replay.ok()) << log.path << ": " << replay.status().message();
  ASSERT_TRUE(replay->violation.has_value()) << log.path << " replays clean";
  EXPECT_EQ(*replay->violation, *trace.verdict) << log.path;
  EXPECT_EQ(replay->actions.size(), trace.actions.size()) << "the violation comes early";

  // The same trace with the bug off runs clean: the bug, not the world, made the violation.
  traces::Trace clean = trace;
  clean.config["bugs"] = nlohmann::json::array();
  clean.verdict.reset();
  base::Result<test_traces::WorldReplay> clean_replay =
      test_traces::ReplayWorldTrace(clean, registry::OnDisabled::kStop);
  ASSERT_TRUE(clean_replay.ok()) << clean_replay.status().message();
  EXPECT_FALSE(clean_replay->violation.has_value())
      << "with the bug off: " << clean_replay->violation->property << ": "
      << clean_replay->violation->message;

  std::cout << "bug " << name << ": " << log.property << ", " << log.first_length
            << " actions shrunk to " << trace.actions.size() << " (" << log.failures
            << " failing executions); trace: " << log.path << "\n";
}

INSTANTIATE_TEST_SUITE_P(QuickBugs, SeededBugCommands, testing::ValuesIn(QuickBugWorlds()),
                         [](const testing::TestParamInfo<BugWorld>& p) {
                           std::string name(raft::BugName(p.param.bug));
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

}  // namespace
}  // namespace raftcheck::proptest
