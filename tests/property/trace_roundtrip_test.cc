// Properties of the trace format (traces/trace.h): what the writer writes, the reader reads
// back unchanged, for traces of random walks of random worlds and for every envelope shape
// (with or without a seed, a verdict, an expected final state).
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "checker/world/cluster_world.h"
#include "tests/property/world_gen.h"
#include "traces/trace.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {
namespace {

// Writes `trace` to a file, reads it back and fails the property if anything differs.
void ExpectFileRoundTrip(const traces::Trace& trace) {
  const std::string path = TracePathForCurrentTest();
  RC_ASSERT(traces::WriteTraceFile(path, trace).ok());
  base::Result<traces::Trace> read = traces::ReadTraceFile(path);
  if (!read.ok()) RC_FAIL("cannot read back: " + read.status().message());
  if (const std::string diff = TraceDiff(trace, *read); !diff.empty()) {
    RC_FAIL("written then read back, " + diff);
  }
}

RC_GTEST_PROP(TraceFormat, WalkTrace_WriteThenReadGivesTheSameTrace, ()) {
  const ClusterWorld world(*GenWorldConfig());
  // 30 steps: long enough for elections, appends and faults at these small bounds.
  const Walk walk = DrawWalk(world, 30);
  const traces::Trace trace = test_traces::MakeWorldTrace(world, walk.actions);
  RC_ASSERT(trace.actions.size() == walk.actions.size());

  ExpectFileRoundTrip(trace);
}

RC_GTEST_PROP(TraceFormat, AnyTrace_WriteThenReadGivesTheSameTrace, ()) {
  const traces::Trace trace = *GenTrace(/*include_expect=*/true);
  ExpectFileRoundTrip(trace);
}

RC_GTEST_PROP(TraceFormat, TraceWithoutExpect_ToJsonThenFromJsonGivesTheSameTrace, ()) {
  const traces::Trace trace = *GenTrace(/*include_expect=*/false);
  base::Result<traces::Trace> back = traces::TraceFromJson(traces::TraceToJson(trace));
  if (!back.ok()) {
    RC_FAIL("TraceFromJson rejects what TraceToJson wrote: " + back.status().message());
  }
  if (const std::string diff = TraceDiff(trace, *back); !diff.empty()) {
    RC_FAIL("TraceToJson then TraceFromJson, " + diff);
  }
}

RC_GTEST_PROP(TraceFormat, TraceWithExpect_ToJsonThenFromJsonGivesTheSameTrace, ()) {
  traces::Trace trace = *GenTrace(/*include_expect=*/true);
  if (!trace.expect) trace.expect = nlohmann::json::array();  // always one, possibly empty
  base::Result<traces::Trace> back = traces::TraceFromJson(traces::TraceToJson(trace));
  if (!back.ok()) {
    RC_FAIL("TraceFromJson rejects what TraceToJson wrote: " + back.status().message());
  }
  if (const std::string diff = TraceDiff(trace, *back); !diff.empty()) {
    RC_FAIL("TraceToJson then TraceFromJson, " + diff);
  }
}

}  // namespace
}  // namespace raftcheck::proptest
