// traces/corpus/: the minimized counterexample of every seeded bug, kept as a regression suite.
// Each must replay to its recorded verdict with its bug on, and run clean with the bug off (up
// to the first step the fixed code no longer takes).
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "checker/cli/registered_systems.h"
#include "tests/traces/corpus_files.h"
#include "traces/replay.h"
#include "traces/trace.h"

namespace traces {
namespace {

using raftcheck::cli::Systems;

// Every safety bug of the library, and at least one counterexample of every other registered
// system (raft.tla's and AbstractRaft's, the latter a BMC trace).
TEST(Corpus, EverySafetyBugHasAnEntry) {
  std::set<std::string> names;
  std::set<std::string> systems;
  for (const std::string& f : CorpusFiles()) {
    names.insert(std::filesystem::path(f).filename().string());
    base::Result<Trace> t = ReadTraceFile(f);
    ASSERT_TRUE(t.ok()) << t.status().message();
    systems.insert(t->system);
  }
  base::Result<const raftcheck::registry::SystemEntry*> impl = Systems().Find("impl");
  ASSERT_TRUE(impl.ok());
  for (const raftcheck::registry::BugInfo& bug : (*impl)->bugs()) {
    if (bug.liveness) continue;  // a liveness verdict is shown, not minimized into the corpus
    EXPECT_TRUE(names.count(bug.name + ".trace.json")) << bug.name;
  }
  for (const auto& system : Systems().systems()) {
    EXPECT_TRUE(systems.count(std::string(system->name()))) << system->name();
  }
}

TEST(Corpus, EachEntryReproducesItsVerdictWithTheBugOn) {
  const std::vector<std::string> files = CorpusFiles();
  ASSERT_FALSE(files.empty());
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    base::Result<Trace> t = ReadTraceFile(f);
    ASSERT_TRUE(t.ok()) << t.status().message();
    ASSERT_TRUE(t->verdict.has_value());
    ASSERT_FALSE(t->config["bugs"].empty());
    base::Result<Replay> r = ReplayTrace(Systems(), *t);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_TRUE(r->violation.has_value());
    EXPECT_EQ(*r->violation, *t->verdict);
    EXPECT_EQ(r->violation->step, t->actions.size());  // minimized: ends at the violation
  }
}

TEST(Corpus, EachEntryRunsCleanWithTheBugOff) {
  for (const std::string& f : CorpusFiles()) {
    SCOPED_TRACE(f);
    base::Result<Trace> t = ReadTraceFile(f);
    ASSERT_TRUE(t.ok()) << t.status().message();
    t->config["bugs"] = nlohmann::json::array();
    ReplayOptions options;
    options.on_disabled = OnDisabled::kStop;
    base::Result<Replay> r = ReplayTrace(Systems(), *t, options);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_FALSE(r->violation.has_value())
        << r->violation->property << ": " << r->violation->message;
    EXPECT_GT(r->applied.size(), 0u);
  }
}

}  // namespace
}  // namespace traces
