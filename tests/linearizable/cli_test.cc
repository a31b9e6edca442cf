// `raftcheck linearizable`: exit codes 0/1/2/3, the printed minimal sub-history, --json.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/common/cli_runner.h"

namespace {

using clitest::LastJsonLine;
using clitest::Raftcheck;

// Writes `text` to a file of this test's build folder and returns its path.
std::string WriteFile(const std::string& name, const std::string& text) {
  const std::string path = std::string(LINEARIZABLE_TEST_DIR) + "/" + name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path;
}

constexpr const char* kGood =
    "INFO  jepsen.util - 0\t:invoke\t:write\t1\n"
    "INFO  jepsen.util - 0\t:ok\t:write\t1\n"
    "INFO  jepsen.util - 1\t:invoke\t:read\tnil\n"
    "INFO  jepsen.util - 1\t:ok\t:read\t1\n";

// A stale read on key y among operations on x: the violation is the three y operations.
constexpr const char* kStaleKv =
    "[{:process 0, :type :invoke, :f :put, :value [:x 1]}\n"
    " {:process 0, :type :ok, :f :put, :value [:x 1]}\n"
    " {:process 0, :type :invoke, :f :put, :value [:y 1]}\n"
    " {:process 0, :type :ok, :f :put, :value [:y 1]}\n"
    " {:process 1, :type :invoke, :f :get, :value [:x nil]}\n"
    " {:process 1, :type :ok, :f :get, :value [:x 1]}\n"
    " {:process 0, :type :invoke, :f :put, :value [:y 2]}\n"
    " {:process 0, :type :ok, :f :put, :value [:y 2]}\n"
    " {:process 1, :type :invoke, :f :get, :value [:y nil]}\n"
    " {:process 1, :type :ok, :f :get, :value [:y 1]}]\n";

TEST(LinearizableCli, LinearizableExitsZero) {
  const std::string path = WriteFile("good.log", kGood);
  const auto r = Raftcheck("linearizable " + path + " --json");
  EXPECT_EQ(r.code, 0) << r.out;
  const nlohmann::json j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "linearizable");
  EXPECT_EQ(j["operations"], 2);
  EXPECT_EQ(j["partitions"], 1);
  EXPECT_EQ(j["format"], "jepsen");
  EXPECT_TRUE(j.contains("seconds"));
}

TEST(LinearizableCli, ViolationExitsOneAndPrintsTheMinimalSubHistory) {
  const std::string path = WriteFile("stale.edn", kStaleKv);
  const auto r = Raftcheck("linearizable " + path);
  EXPECT_EQ(r.code, 1) << r.out;
  EXPECT_NE(r.out.find("not linearizable: key :y: 3 of its 3 operations cannot be ordered "
                       "(a minimal sub-history):\n"
                       "  p0 put :y 1               invoke 2 (line 3), ok 3 (line 4)\n"
                       "  p0 put :y 2               invoke 6 (line 7), ok 7 (line 8)\n"
                       "  p1 get :y -> 1            invoke 8 (line 9), ok 9 (line 10)\n"),
            std::string::npos)
      << r.out;
}

TEST(LinearizableCli, ViolationJson) {
  const std::string path = WriteFile("stale.edn", kStaleKv);
  const auto r = Raftcheck("linearizable " + path + " --json --no-partition");
  EXPECT_EQ(r.code, 1) << r.out;
  const nlohmann::json j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "not-linearizable");
  EXPECT_EQ(j["model"], "kv");
  EXPECT_EQ(j["partitioned"], false);
  const nlohmann::json& v = j["violation"];
  EXPECT_EQ(v["minimal"], true);
  ASSERT_EQ(v["operations"].size(), 3u);
  EXPECT_EQ(v["operations"][2]["f"], "get");
  EXPECT_EQ(v["operations"][2]["value"], 1);
  EXPECT_EQ(v["operations"][2]["invoke"], 8);
  EXPECT_EQ(v["operations"][2]["complete_line"], 10);
}

TEST(LinearizableCli, BadInputExitsTwoWithTheLine) {
  const std::string path =
      WriteFile("bad.log", std::string(kGood) + "INFO  jepsen.util - 2\t:invoke\t:frob\t1\n");
  const auto r = Raftcheck("linearizable " + path, /*with_stderr=*/true);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.out, "raftcheck linearizable: " + path +
                       ": line 5, column 31: :f: unknown function \"frob\" (read, write, cas; "
                       "get and put for the kv model)\n");
  EXPECT_EQ(Raftcheck("linearizable /no/such/file").code, 2);
  EXPECT_EQ(Raftcheck("linearizable " + path + " --model queue").code, 2);
  EXPECT_EQ(Raftcheck("linearizable " + path + " --format yaml").code, 2);
  EXPECT_EQ(Raftcheck("linearizable").code, 2);  // HISTORY is required
}

TEST(LinearizableCli, BudgetExitsThree) {
  const std::string path = WriteFile("good2.log", kGood);
  const auto r = Raftcheck("linearizable " + path + " --max-steps 1 --json");
  EXPECT_EQ(r.code, 3) << r.out;
  const nlohmann::json j = LastJsonLine(r.out);
  EXPECT_EQ(j["result"], "unknown");
  EXPECT_EQ(j["reason"], "step limit of 1 reached");
}

TEST(LinearizableCli, ModelOptionMustFitTheHistory) {
  const std::string path = WriteFile("stale2.edn", kStaleKv);
  const auto r = Raftcheck("linearizable " + path + " --model register", true);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("line 1, column 46: a write needs an integer value, not [:x 1]"),
            std::string::npos)
      << r.out;
}

}  // namespace
