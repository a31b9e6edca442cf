// traces/corpus/: the minimized counterexample of every seeded bug, kept as a regression suite.
// Each must replay to its recorded verdict with its bug on, and run clean with the bug off (up
// to the first step the fixed code no longer takes).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "impl/bugs.h"
#include "tests/traces/corpus_files.h"
#include "traces/trace.h"
#include "traces/world_trace.h"

namespace traces {
namespace {

TEST(Corpus, EverySafetyBugHasAnEntry) {
  std::set<std::string> names;
  for (const std::string& f : CorpusFiles()) {
    names.insert(std::filesystem::path(f).filename().string());
  }
  for (const raft::BugInfo& bug : raft::BugCatalog()) {
    if (bug.breaks.starts_with("progress")) continue;  // liveness: not a replayable verdict
    EXPECT_TRUE(names.count(std::string(bug.name) + ".trace.json")) << bug.name;
  }
}

TEST(Corpus, EachEntryReproducesItsVerdictWithTheBugOn) {
  const std::vector<std::string> files = CorpusFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    Trace t;
    std::string error;
    ASSERT_TRUE(ReadTraceFile(f, &t, &error)) << error;
    ASSERT_TRUE(t.verdict.has_value());
    ASSERT_FALSE(t.config["bugs"].empty());
    Replay r;
    ASSERT_TRUE(ReplayWorldTrace(t, &r, &error)) << error;
    ASSERT_TRUE(r.violation.has_value());
    EXPECT_EQ(*r.violation, *t.verdict);
    EXPECT_EQ(r.violation->step, t.actions.size());  // minimized: ends at the violation
  }
}

TEST(Corpus, EachEntryRunsCleanWithTheBugOff) {
  for (const std::string& f : CorpusFiles()) {
    SCOPED_TRACE(f);
    Trace t;
    std::string error;
    ASSERT_TRUE(ReadTraceFile(f, &t, &error)) << error;
    t.config["bugs"] = nlohmann::json::array();
    Replay r;
    ASSERT_TRUE(ReplayWorldTrace(t, &r, &error, OnDisabled::kStop)) << error;
    EXPECT_FALSE(r.violation.has_value()) << r.violation->property << ": " << r.violation->message;
    EXPECT_GT(r.actions.size(), 0u);
  }
}

}  // namespace
}  // namespace traces
