// Replay of any explored path reproduces it: a random walk applied directly, and the same walk
// written as a trace (actions named by content) and replayed strictly, pass through states
// with equal observations and equal encodings at every step.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "checker/world/cluster_world.h"
#include "tests/property/world_gen.h"
#include "traces/trace.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {
namespace {

// Walks the world of `config` and replays the walk's trace; stops comparing at the replay's
// first violation (a replay ends there; only seeded bugs get one).
void CheckReplayReproducesWalk(const WorldConfig& config, std::size_t max_steps) {
  const ClusterWorld world(config);
  const Walk walk = DrawWalk(world, max_steps);
  const traces::Trace trace = test_traces::MakeWorldTrace(world, walk.actions);

  base::Result<test_traces::WorldReplay> replayed_trace = test_traces::ReplayWorldTrace(trace);
  if (!replayed_trace.ok()) {
    RC_FAIL("the trace of a walk does not replay: " + replayed_trace.status().message());
  }
  const test_traces::WorldReplay& replay = *replayed_trace;
  RC_ASSERT(replay.skipped == 0U);
  RC_ASSERT(replay.stopped.empty());
  const std::size_t replayed = replay.actions.size();
  if (replay.violation) {
    RC_ASSERT(replayed == replay.violation->step);
  } else {
    RC_ASSERT(replayed == walk.actions.size());
  }
  RC_ASSERT(replay.states.size() == replayed + 1);
  for (std::size_t k = 0; k <= replayed; ++k) {
    if (k > 0 && !(replay.actions[k - 1] == walk.actions[k - 1])) {
      RC_FAIL("step " + std::to_string(k) + " resolves to " +
              world.Describe(replay.actions[k - 1]) + ", the walk took " +
              world.Describe(walk.actions[k - 1]));
    }
    props::Observation direct, replayed_obs;
    world.Observe(walk.states[k], &direct);
    world.Observe(replay.states[k], &replayed_obs);
    if (const std::string diff = ObservationDiff(direct, replayed_obs); !diff.empty()) {
      RC_FAIL("after step " + std::to_string(k) + " the replay's observation differs: " + diff);
    }
    std::string a, b;
    world.Encode(walk.states[k], a);
    world.Encode(replay.states[k], b);
    if (a != b) RC_FAIL("after step " + std::to_string(k) + " the replay's encoding differs");
  }
}

// 40 steps: past the default bounds' depth of a first election and its appends.
RC_GTEST_PROP(Replay, DefaultBounds_ReproducesEveryObservationOfAWalk, ()) {
  CheckReplayReproducesWalk(DefaultBounds(), 40);
}

// 80 steps: several elections, crashes and restarts at the loose bounds.
RC_GTEST_PROP(Replay, LooseBounds_ReproducesEveryObservationOfAWalk, ()) {
  CheckReplayReproducesWalk(LooseBounds(), 80);
}

RC_GTEST_PROP(Replay, AnyWorld_ReproducesEveryObservationOfAWalk, ()) {
  CheckReplayReproducesWalk(*GenWorldConfig(), 30);
}

}  // namespace
}  // namespace raftcheck::proptest
