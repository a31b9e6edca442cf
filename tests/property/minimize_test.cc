// Minimization never returns a trace that does not violate: a random walk with a seeded bug
// on, run until it breaks a property, is minimized (traces/minimize.h); the result replays
// strictly (every action enabled at its step) to a violation of the same property, at its
// last step, and is no longer than the input.
#include "traces/minimize.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "checker/world/cluster_world.h"
#include "checker/world/world_properties.h"
#include "impl/bugs.h"
#include "tests/property/world_gen.h"
#include "traces/trace.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {
namespace {

RC_GTEST_PROP(Minimize, SeededBugWalk_ResultReplaysStrictlyToTheSameProperty, ()) {
  // The bugs that walks find often (QuickBugWorlds): a case without a violation is discarded.
  const BugWorld& bug = QuickBugWorlds()[DrawIndex(QuickBugWorlds().size())];
  const ClusterWorld world(bug.world);
  const WorldProperties props(world);
  // Walks of 100 steps, as measured for QuickBugWorlds; they stop at the first violation.
  const Walk walk = DrawWalk(world, 100, &props, /*min_steps=*/100);
  RC_PRE(walk.violation.has_value());
  RC_TAG(std::string(raft::BugName(bug.bug)));

  const traces::Trace found = test_traces::MakeWorldTrace(
      world, walk.actions,
      traces::Verdict{walk.violation->property, walk.actions.size(), walk.violation->message});
  traces::MinimizeStats stats;
  base::Result<traces::Trace> result = traces::MinimizeTrace(test_traces::World(), found, &stats);
  if (!result.ok()) {
    RC_FAIL("MinimizeTrace refused a violating trace: " + result.status().message());
  }
  const traces::Trace& minimized = *result;
  RC_ASSERT(minimized.actions.size() <= found.actions.size());
  RC_ASSERT(stats.before == found.actions.size());
  RC_ASSERT(stats.after == minimized.actions.size());

  base::Result<test_traces::WorldReplay> replayed = test_traces::ReplayWorldTrace(minimized);
  if (!replayed.ok()) {
    RC_FAIL("the minimized trace does not replay strictly: " + replayed.status().message());
  }
  const test_traces::WorldReplay& replay = *replayed;
  if (!replay.violation) RC_FAIL("the minimized trace replays clean");
  RC_ASSERT(replay.violation->property == walk.violation->property);
  RC_ASSERT(replay.actions.size() == minimized.actions.size());
  RC_ASSERT(minimized.verdict.has_value());
  RC_ASSERT(*minimized.verdict == *replay.violation);
}

}  // namespace
}  // namespace raftcheck::proptest
