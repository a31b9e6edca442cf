// A concurrent history of client operations, the input of the linearizability checker.
//
// Jepsen's model of a client: a *process* runs one operation at a time. An operation is an
// invocation event and, later, at most one completion event:
//  - :ok    it took effect exactly once, at some instant between its two events;
//  - :fail  it did not take effect (the checker ignores it, as Knossos does);
//  - :info  indeterminate: it may or may not have taken effect, at any instant after its
//           invocation (even after the completion was logged); a missing completion means the
//           same. Once a process has logged :info it may invoke again (Jepsen would retire it);
//           the indeterminate operation's window stays open to the end of the history.
// Events have positions 0, 1, 2, ... in real-time order; an operation precedes another in
// real time when its completion comes before the other's invocation.
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_H_

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"

namespace raftcheck::linearizable {

// A register value: nil (the initial value) or a 64-bit integer.
struct Value {
  bool nil = true;
  std::int64_t number = 0;

  static Value Nil() { return Value(); }
  static Value Of(std::int64_t n) { return Value{false, n}; }
  bool operator==(const Value&) const = default;
  std::string ToString() const;  // "nil" or the decimal number
};

// read/write/cas of a register; the kv model calls the first two get and put.
enum class OpKind : std::uint8_t { kRead, kWrite, kCas };

enum class Outcome : std::uint8_t {
  kOk,       // completed, took effect once between invocation and completion
  kFail,     // completed, did not take effect: ignored by the checker
  kInfo,     // indeterminate: may have taken effect at any instant after the invocation
  kPending,  // never completed: indeterminate, like kInfo
};

// "read", "write", "cas" (register) or "get", "put", "cas" (with_key: the kv names).
const char* OpKindName(OpKind kind, bool with_key);
const char* OutcomeName(Outcome outcome);  // "ok", "fail", "info", "pending"

inline constexpr std::size_t kNoEvent = std::numeric_limits<std::size_t>::max();

struct Operation {
  std::int64_t process = 0;
  OpKind kind = OpKind::kRead;
  bool has_key = false;  // kv operations have a key; register ones do not
  std::string key;       // the key's text (an EDN keyword keeps its colon: ":x")
  int key_id = -1;       // dense index into History::keys; -1 without a key
  Value input;           // write: the value written; cas: the expected value
  Value input2;          // cas: the new value
  Value output;          // read completed :ok: the value read
  Outcome outcome = Outcome::kPending;
  std::size_t invoke = 0;           // position of the invocation event
  std::size_t complete = kNoEvent;  // position of the completion event; kNoEvent if pending
  int invoke_line = 0;              // source lines of the two events (0: built in memory)
  int complete_line = 0;

  // The output is known and the operation took effect: kOk.
  bool Determinate() const { return outcome == Outcome::kOk; }
  // Takes part in the check: anything but kFail.
  bool Counts() const { return outcome != Outcome::kFail; }
};

struct History {
  std::string model;                  // the model the source declares, or ""
  std::vector<Operation> operations;  // sorted by invocation position
  std::vector<std::string> keys;      // keys[key_id], in order of first appearance
  std::size_t events = 0;             // number of events (positions 0..events-1)
};

// One event of a history, as a reader sees it.
enum class EventType : std::uint8_t { kInvoke, kOk, kFail, kInfo };

struct Event {
  std::int64_t process = 0;
  EventType type = EventType::kInvoke;
  OpKind kind = OpKind::kRead;
  bool has_key = false;
  std::string key;
  // invoke: the inputs (write: value; cas: expected, new). ok: the outputs or the echo of the
  // inputs (read: the value read; write, cas: the invocation's values). fail, info: unused.
  Value value;
  Value value2;
  int line = 0;  // source line, for messages (0: none)
};

// Builds a History from events in real-time order and checks that it is well formed: a
// process has at most one outstanding operation, and every completion matches its process's
// outstanding invocation (same function, same key, and for :ok the same inputs echoed). Errors
// are InvalidArgument naming the line ("line 12: ...") or, without lines, the event number.
class HistoryBuilder {
 public:
  base::Status Add(const Event& event);
  // The history; outstanding invocations stay pending (indeterminate).
  History Finish(std::string model) &&;

 private:
  std::string Where(const Event& event) const;

  History history_;
  std::map<std::int64_t, std::size_t> outstanding_;  // process -> index in operations
  std::map<std::string, int> key_ids_;
};

// Checks a History built in memory: operations sorted by invocation, positions distinct and
// below `events`, invocation before completion, :ok/:fail/:info completed and pending not,
// at most one outstanding operation per process, key ids consistent with `keys`. Errors are
// InvalidArgument naming the operation ("operation 7: ...").
base::Status Validate(const History& history);

// One readable line: "p3 write 4  invoke 5 (line 6), ok 9 (line 10)"; kv operations name
// their key ("p3 put x 4"), a read its result ("p1 read -> 3"), a cas both values
// ("p2 cas 1 -> 2").
std::string DescribeOperation(const Operation& op);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_HISTORY_H_
