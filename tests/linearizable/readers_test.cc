// The history readers on valid samples of each format, and on damaged input: every error is
// one line naming the line (and column), never a crash.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <string>

#include "properties/linearizable/edn.h"
#include "properties/linearizable/history_readers.h"
#include "tests/linearizable/test_histories.h"

namespace lintest {
namespace {

ReadHistoryResult MustRead(const std::string& text, ReadOptions options = {}) {
  base::Result<ReadHistoryResult> r = ReadHistory(text, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(*r) : ReadHistoryResult{};
}

std::string ErrorOf(const std::string& text, ReadOptions options = {}) {
  base::Result<ReadHistoryResult> r = ReadHistory(text, options);
  EXPECT_FALSE(r.ok()) << "accepted: " << text;
  if (r.ok()) return "";
  EXPECT_EQ(r.status().code(), base::Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message().find('\n'), std::string::npos) << r.status().message();
  return r.status().message();
}

// Like Porcupine's etcd test data: a logger prefix, :fail, :info :timed-out, nil, cas.
constexpr const char* kJepsenLog =
    "2017-03-01 12:00:00,001{GMT}\tINFO\t[main] jepsen.core - Running test\n"
    "INFO  jepsen.util - 0\t:invoke\t:read\tnil\n"
    "INFO  jepsen.util - 1\t:invoke\t:write\t4\n"
    "INFO  jepsen.util - 0\t:ok\t:read\tnil\n"
    "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n"
    "INFO  jepsen.util - 1\t:ok\t:write\t4\n"
    "INFO  jepsen.util - 2\t:invoke\t:cas\t[4 1]\n"
    "INFO  jepsen.util - 3\t:invoke\t:cas\t[0 2]\n"
    "INFO  jepsen.util - 3\t:fail\t:cas\t[0 2]\n"
    "INFO  jepsen.util - 2\t:info\t:cas\t:timed-out\tindeterminate: read timed out\n"
    "INFO  jepsen.util - 4\t:invoke\t:read\tnil\n"
    "INFO  jepsen.util - 4\t:ok\t:read\t1\n";

TEST(JepsenLogReader, ReadsEventsAndSkipsOtherLines) {
  const ReadHistoryResult r = MustRead(kJepsenLog);
  EXPECT_EQ(r.format, HistoryFormat::kJepsenLog);
  EXPECT_EQ(r.history.model, "register");
  ASSERT_EQ(r.history.operations.size(), 5u);
  const Operation& cas = r.history.operations[2];
  EXPECT_EQ(cas.kind, OpKind::kCas);
  EXPECT_EQ(cas.outcome, Outcome::kInfo);
  EXPECT_EQ(cas.input, Value::Of(4));
  EXPECT_EQ(cas.input2, Value::Of(1));
  EXPECT_EQ(cas.invoke_line, 7);
  EXPECT_EQ(r.history.operations[3].outcome, Outcome::kFail);
  EXPECT_EQ(r.history.operations[4].output, Value::Of(1));
  EXPECT_EQ(MustCheck(r.history, *MustModel("register")).verdict, Verdict::kLinearizable);
}

TEST(JepsenLogReader, BareLinesWithoutPrefix) {
  const ReadHistoryResult r = MustRead("3 :invoke :write 4\n3 :ok :write 4\n");
  ASSERT_EQ(r.history.operations.size(), 1u);
  EXPECT_EQ(r.history.operations[0].process, 3);
}

TEST(JepsenLogReader, DamagedLines) {
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:invoke\t:write\n"),
            "line 1: expected PROCESS :TYPE :F VALUE, the value is missing");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:invoke\n"),
            "line 1: expected PROCESS :TYPE :F VALUE, the line ends after 2 fields");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:okay\t:write\t4\n"),
            "line 1, column 23: :type: unknown type \"okay\" (invoke, ok, fail or info)");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:invoke\t:write\t[4\n"),
            "line 1, column 38: unbalanced: this '[' is never closed");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:invoke\t:write\tfour\n"),
            "line 1, column 38: unexpected symbol four (expected a keyword, number, string or "
            "nil)");
  EXPECT_EQ(ErrorOf("INFO  jepsen.util - 3\t:ok\t:write\t4\n"),
            "line 1: process 3 completes (:ok) but has no outstanding invocation");
}

constexpr const char* kKnossosEdn =
    "[{:process 0, :type :invoke, :f :write, :value 3}\n"
    " {:process 1, :type :invoke, :f :read, :value nil}\n"
    " {:process 0, :type :ok, :f :write, :value 3}\n"
    " {:process 1, :type :ok, :f :read, :value 3}\n"
    " {:process 2, :type :invoke, :f :cas, :value [3 4]}\n"
    " {:process 2, :type :fail, :f :cas, :value [3 4]}]\n";

TEST(EdnReader, KnossosVectorOfMaps) {
  const ReadHistoryResult r = MustRead(kKnossosEdn);
  EXPECT_EQ(r.format, HistoryFormat::kEdn);
  ASSERT_EQ(r.history.operations.size(), 3u);
  EXPECT_EQ(r.history.operations[1].output, Value::Of(3));
  EXPECT_EQ(r.history.operations[1].complete_line, 4);
  EXPECT_EQ(r.history.events, 6u);
}

TEST(EdnReader, JepsenHistoryEdnOneMapPerLineWithExtraKeys) {
  const std::string text =
      "; a comment\n"
      "{:index 0, :time 10, :type :invoke, :process 0, :f :put, :value [:x 1]}\n"
      "#jepsen.history.Op{:index 1, :time 20, :type :ok, :process 0, :f :put, :value [:x 1]}\n"
      "{:index 2, :type :invoke, :process 1, :f :get, :value [:x nil] #_ :ignored #_ 5}\n"
      "{:index 3, :type :ok, :process 1, :f :get, :value [:x 1], :error nil}\n";
  const ReadHistoryResult r = MustRead(text);
  EXPECT_EQ(r.history.model, "kv");
  ASSERT_EQ(r.history.operations.size(), 2u);
  EXPECT_EQ(r.history.operations[0].key, ":x");
  EXPECT_EQ(r.history.keys, std::vector<std::string>{":x"});
  EXPECT_EQ(MustCheck(r.history, *MustModel("kv")).verdict, Verdict::kLinearizable);
}

TEST(EdnReader, KnossosMultiRegisterTuples) {
  // Knossos/Jepsen "independent" keys: [key value] tuples with read/write/cas names.
  const std::string text =
      "[{:process 0, :type :invoke, :f :write, :value [1 5]}"
      " {:process 0, :type :ok, :f :write, :value [1 5]}"
      " {:process 1, :type :invoke, :f :cas, :value [1 [5 6]]}"
      " {:process 1, :type :ok, :f :cas, :value [1 [5 6]]}"
      " {:process 1, :type :invoke, :f :read, :value [2 nil]}"
      " {:process 1, :type :ok, :f :read, :value [2 5]}]";
  const ReadHistoryResult r = MustRead(text);
  EXPECT_EQ(r.history.model, "kv");
  EXPECT_EQ(r.history.keys, (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(MustCheck(r.history, *MustModel("kv")).verdict, Verdict::kNotLinearizable);
}

TEST(EdnReader, DamagedInput) {
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 3}"),
            "line 1, column 1: unbalanced: this '[' is never closed");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 3}]]"),
            "line 1, column 51: unbalanced ']'");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 3]"),
            "line 1, column 49: unbalanced ']'");
  EXPECT_EQ(ErrorOf("[{:process \"zero\", :type :invoke, :f :write, :value 3}]"),
            "line 1, column 12: :process must be an integer, not \"zero\"");
  EXPECT_EQ(ErrorOf("[\n{:process 0, :type :invoke, :f :frob, :value 3}]"),
            "line 2, column 32: :f: unknown function \"frob\" (read, write, cas; get and put "
            "for the kv model)");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 3.5}]"),
            "line 1, column 48: \"3.5\" is not an integer (only integers are supported)");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value nil}]"),
            "line 1, column 48: a write needs an integer value, not nil");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :cas, :value [1]}]"),
            "line 1, column 46: a cas needs the value [expected new] (two integers), not [1]");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write}]"),
            "line 1, column 2: a write needs an integer value, not nil");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke}]"),
            "line 1, column 2: an operation map needs :f");
  EXPECT_EQ(ErrorOf("[{:process 0 :type}]"), "line 1, column 2: a map needs a value for every key");
  EXPECT_EQ(ErrorOf("[1 2]"),
            "line 1, column 2: an operation is a map {:process P, :type T, :f F, :value V}, "
            "not an integer");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value \"3}]"),
            "line 1, column 48: unterminated string");
  EXPECT_EQ(ErrorOf("[{:process 99999999999999999999, :type :invoke, :f :read}]"),
            "line 1, column 12: integer out of 64-bit range");
  EXPECT_EQ(ErrorOf("#{1 2}"), "line 1, column 2: sets are not supported");
  EXPECT_EQ(ErrorOf("[{:process 0, :process 1}]"), "line 1, column 15: duplicate key :process");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 1}\n"
                    " {:process 0, :type :invoke, :f :write, :value 2}]"),
            "line 2: process 0 invokes a write while its write of line 1 is outstanding");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 1}\n"
                    " {:process 0, :type :ok, :f :read, :value 2}]"),
            "line 2: process 0 completes a read but its write of line 1 is outstanding");
  EXPECT_EQ(ErrorOf("[{:process 0, :type :invoke, :f :write, :value 1}\n"
                    " {:process 0, :type :ok, :f :write, :value 2}]"),
            "line 2: process 0's :ok does not echo the values of its write of line 1");
}

TEST(EdnReader, DeepNestingIsAnErrorNotACrash) {
  constexpr int kDepth = 100000;  // far past any stack the recursion could afford
  const std::string text = std::string(kDepth, '[') + std::string(kDepth, ']');
  EXPECT_EQ(ErrorOf(text), "line 1, column 66: nested deeper than 64");
}

constexpr const char* kJsonKv =
    "{\"format\": \"raftcheck-history\", \"version\": 1, \"model\": \"kv\", \"events\": [\n"
    "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"put\", \"key\": \"x\", \"value\": 1},\n"
    "  {\"process\": 1, \"type\": \"invoke\", \"f\": \"get\", \"key\": \"x\"},\n"
    "  {\"process\": 0, \"type\": \"ok\", \"f\": \"put\", \"key\": \"x\", \"value\": 1},\n"
    "  {\"process\": 1, \"type\": \"ok\", \"f\": \"get\", \"key\": \"x\", \"value\": 1},\n"
    "  {\"process\": 2, \"type\": \"invoke\", \"f\": \"cas\", \"key\": 7, \"value\": [1, 2]},\n"
    "  {\"process\": 2, \"type\": \"info\", \"f\": \"cas\"}\n"
    "]}\n";

TEST(JsonReader, ReadsTheDocumentedForm) {
  const ReadHistoryResult r = MustRead(kJsonKv);
  EXPECT_EQ(r.format, HistoryFormat::kJson);
  EXPECT_EQ(r.history.model, "kv");
  ASSERT_EQ(r.history.operations.size(), 3u);
  EXPECT_EQ(r.history.operations[2].key, "7");
  EXPECT_EQ(r.history.operations[2].outcome, Outcome::kInfo);
  EXPECT_EQ(r.history.operations[1].invoke_line, 3);
  EXPECT_EQ(r.history.operations[1].complete_line, 5);
}

TEST(JsonReader, RoundTrip) {
  const History h = MustRead(kJsonKv).history;
  const History back = MustRead(WriteHistoryJson(h)).history;
  ASSERT_EQ(back.operations.size(), h.operations.size());
  for (std::size_t i = 0; i < h.operations.size(); ++i) {
    const Operation& a = h.operations[i];
    const Operation& b = back.operations[i];
    EXPECT_EQ(DescribeOperation(a).substr(0, 24), DescribeOperation(b).substr(0, 24));
    EXPECT_EQ(a.invoke, b.invoke);
    EXPECT_EQ(a.complete, b.complete);
    EXPECT_EQ(a.outcome, b.outcome);
  }
  EXPECT_EQ(back.model, "kv");
}

TEST(JsonReader, DamagedInput) {
  const std::string head = "{\"format\": \"raftcheck-history\", \"version\": 1, \"events\": [\n";
  EXPECT_EQ(ErrorOf(head + "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"write\"\n"),
            "line 3, column 1: JSON ends too early (truncated?)");
  EXPECT_EQ(ErrorOf(head + "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", "
                           "\"value\": tru}]}"),
            "line 2, column 62: JSON syntax error near \"\"value\": tru}\"");
  EXPECT_EQ(ErrorOf(head + "  {\"process\": \"0\", \"type\": \"invoke\", \"f\": \"read\"}]}"),
            "line 2: event 0: field \"process\" must be an integer");
  EXPECT_EQ(ErrorOf(head + "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", "
                           "\"colour\": 1}]}"),
            "line 2: event 0: unknown field \"colour\"");
  EXPECT_EQ(ErrorOf(head + "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"write\", "
                           "\"value\": 1.5}]}"),
            "line 2: event 0: field \"value\" must be an integer, null or an array of "
            "integers, not 1.5");
  EXPECT_EQ(ErrorOf(head + "  {\"process\": 0, \"type\": \"invoke\", \"f\": \"read\", "
                           "\"key\": \"x\"}]}"),
            "line 2: event 0: the register model takes no \"key\" (use model kv)");
  EXPECT_EQ(ErrorOf("{\"format\": \"other\", \"version\": 1, \"events\": []}"),
            "line 1: field \"format\" must be \"raftcheck-history\"");
  ReadOptions register_model;
  register_model.model = "register";
  EXPECT_EQ(ErrorOf(kJsonKv, register_model),
            "line 1: the history declares model kv, not register");
}

TEST(Readers, FormatDetectionAndNames) {
  EXPECT_EQ(DetectFormat("  {\"format\""), HistoryFormat::kJson);
  EXPECT_EQ(DetectFormat("{:process 0}"), HistoryFormat::kEdn);
  EXPECT_EQ(DetectFormat("[{"), HistoryFormat::kEdn);
  EXPECT_EQ(DetectFormat("INFO  jepsen.util - 0"), HistoryFormat::kJepsenLog);
  EXPECT_FALSE(ParseHistoryFormat("yaml").ok());
  EXPECT_EQ(*ParseHistoryFormat("edn"), HistoryFormat::kEdn);
  ReadOptions edn;
  edn.format = HistoryFormat::kEdn;
  EXPECT_EQ(MustRead("", edn).history.operations.size(), 0u);
}

// Cutting a valid history anywhere, or replacing one character, gives a history or a
// one-line error naming a position, never a crash.
RC_GTEST_PROP(Readers, DamagedInputIsAnErrorOrAHistory, ()) {
  const std::string samples[] = {kJepsenLog, kKnossosEdn, kJsonKv};
  const std::string& sample = samples[*rc::gen::inRange(0, 3)];
  std::string text = sample.substr(0, *rc::gen::inRange<std::size_t>(0, sample.size() + 1));
  if (!text.empty() && *rc::gen::arbitrary<bool>()) {
    const std::size_t at = *rc::gen::inRange<std::size_t>(0, text.size());
    text[at] = *rc::gen::elementOf(std::string("[]{}():\"\\#;, \n\t0-9anilx"));
  }
  base::Result<ReadHistoryResult> r = ReadHistory(text, {});
  if (!r.ok()) {
    RC_ASSERT(r.status().code() == base::Status::Code::kInvalidArgument);
    RC_ASSERT(r.status().message().find('\n') == std::string::npos);
    RC_TAG("error");
  } else {
    RC_ASSERT(Validate(r->history).ok());
    RC_TAG("history");
  }
}

}  // namespace
}  // namespace lintest
