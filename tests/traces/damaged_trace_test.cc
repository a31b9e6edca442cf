// A damaged trace file must give a clear one-line error, never a crash, an exception or a
// silent wrong answer. Every corpus file is damaged deterministically in many ways (cut at
// many offsets, single bytes replaced by JSON-significant characters, fields retyped) and
// read and replayed as `raftcheck replay` does.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "checker/cli/registered_systems.h"
#include "tests/traces/corpus_files.h"
#include "traces/replay.h"
#include "traces/trace.h"

namespace traces {
namespace {

std::string Slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// Reads and replays the file at `path` as `raftcheck replay` does: "" when it replays, else the
// error as the command prints it.
std::string ReadAndReplay(const std::string& path) {
  base::Result<Trace> t = ReadTraceFile(path);
  if (!t.ok()) return t.status().message();
  base::Result<Replay> r = ReplayTrace(raftcheck::cli::Systems(), *t);
  return r.ok() ? "" : path + ": " + r.status().message();
}

// Reads and replays `text` as a file, as `raftcheck replay` does. Any error must be
// one line naming the file; no exception may escape.
void ExpectCleanOutcome(const std::string& text, const std::string& what) {
  const std::string path = testing::TempDir() + "damaged.trace.json";
  std::ofstream(path) << text;
  std::string error;
  try {
    error = ReadAndReplay(path);
  } catch (const std::exception& e) {
    ADD_FAILURE() << what << ": exception " << e.what();
    return;
  }
  if (error.empty()) return;  // the damage left a valid trace (e.g. inside a string)
  EXPECT_EQ(error.find('\n'), std::string::npos) << what << ": " << error;
  EXPECT_EQ(error.rfind(path, 0), 0u) << what << ": " << error;
}

TEST(DamagedTrace, CutAnywhere_IsAnErrorNotACrash) {
  for (const std::string& f : CorpusFiles()) {
    const std::string text = Slurp(f);
    for (std::size_t cut = 0; cut < text.size(); cut += 13) {
      ExpectCleanOutcome(text.substr(0, cut), f + " cut at " + std::to_string(cut));
    }
  }
}

// The first corpus file of the library (system "impl"): the field edits below name its fields.
std::string FirstImplFile() {
  for (const std::string& f : CorpusFiles()) {
    if (nlohmann::json::parse(Slurp(f)).value("system", "") == "impl") return f;
  }
  return "";
}

TEST(DamagedTrace, ABytePlacedAnywhere_IsAnErrorNotACrash) {
  const std::string file = FirstImplFile();
  ASSERT_FALSE(file.empty());
  const std::string text = Slurp(file);
  for (std::size_t at = 0; at < text.size(); at += 7) {
    for (char c : {'"', '}', ']', '9', '-', 'x', ',', '0'}) {
      std::string damaged = text;
      damaged[at] = c;
      ExpectCleanOutcome(damaged, "byte " + std::to_string(at) + " = " + c);
    }
  }
}

TEST(DamagedTrace, FieldsOfTheWrongTypeOrRange_AreOneLineErrors) {
  const std::string file = FirstImplFile();
  ASSERT_FALSE(file.empty());
  const nlohmann::json good = nlohmann::json::parse(Slurp(file));
  const std::vector<std::pair<std::string, nlohmann::json>> edits = {
      {"/version", 2},          {"/config/nodes", "three"},     {"/config/nodes", 0},
      {"/config/nodes", -1},    {"/config/nodes", 1e30},        {"/config/bugs", "all"},
      {"/config/bugs/0", 7},    {"/actions/0/kind", 3},         {"/actions/0/kind", "fly"},
      {"/actions/0/node", 99},  {"/actions/0/node", "n1"},      {"/actions/1/msg/to", "2"},
      {"/actions/1/msg/type", "Gossip"}, {"/actions/1/msg/entries", {{{"term", "x"}}}},
      {"/actions/1/msg/term", 99},       {"/verdict/step", 10000},
      {"/verdict", "broken"},   {"/actions", nlohmann::json::object()}};
  for (const auto& [pointer, value] : edits) {
    nlohmann::json j = good;
    j[nlohmann::json::json_pointer(pointer)] = value;
    ExpectCleanOutcome(j.dump(), pointer + " = " + value.dump());
    // These are all real damage: each must be reported, not replayed.
    const std::string path = testing::TempDir() + "retyped.trace.json";
    std::ofstream(path) << j.dump();
    const bool replayed = ReadAndReplay(path).empty();
    EXPECT_FALSE(replayed) << pointer << " = " << value.dump() << " was accepted";
  }
}

}  // namespace
}  // namespace traces
