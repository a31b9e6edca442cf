#include "properties/linearizable/history.h"

#include <set>
#include <utility>

namespace raftcheck::linearizable {
namespace {

const char* EventTypeName(EventType type) {
  switch (type) {
    case EventType::kInvoke:
      return "invoke";
    case EventType::kOk:
      return "ok";
    case EventType::kFail:
      return "fail";
    case EventType::kInfo:
      return "info";
  }
  return "?";
}

Outcome OutcomeOf(EventType type) {
  switch (type) {
    case EventType::kOk:
      return Outcome::kOk;
    case EventType::kFail:
      return Outcome::kFail;
    case EventType::kInfo:
      return Outcome::kInfo;
    case EventType::kInvoke:
      break;
  }
  return Outcome::kPending;
}

// "write of line 9" / "write of event 4": names an outstanding invocation in messages.
std::string NameInvocation(const Operation& op) {
  std::string s = OpKindName(op.kind, op.has_key);
  if (op.invoke_line > 0) return s + " of line " + std::to_string(op.invoke_line);
  return s + " of event " + std::to_string(op.invoke);
}

}  // namespace

std::string Value::ToString() const { return nil ? "nil" : std::to_string(number); }

const char* OpKindName(OpKind kind, bool with_key) {
  switch (kind) {
    case OpKind::kRead:
      return with_key ? "get" : "read";
    case OpKind::kWrite:
      return with_key ? "put" : "write";
    case OpKind::kCas:
      return "cas";
  }
  return "?";
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kOk:
      return "ok";
    case Outcome::kFail:
      return "fail";
    case Outcome::kInfo:
      return "info";
    case Outcome::kPending:
      return "pending";
  }
  return "?";
}

std::string HistoryBuilder::Where(const Event& event) const {
  if (event.line > 0) return "line " + std::to_string(event.line) + ": ";
  return "event " + std::to_string(history_.events) + ": ";
}

base::Status HistoryBuilder::Add(const Event& e) {
  const std::string where = Where(e);
  const std::string process = "process " + std::to_string(e.process);
  auto it = outstanding_.find(e.process);
  if (e.type == EventType::kInvoke) {
    if (it != outstanding_.end()) {
      return base::Status::InvalidArgument(
          where + process + " invokes a " + OpKindName(e.kind, e.has_key) + " while its " +
          NameInvocation(history_.operations[it->second]) + " is outstanding");
    }
    if (e.kind == OpKind::kWrite && e.value.nil) {
      return base::Status::InvalidArgument(where + "a write needs an integer value, not nil");
    }
    if (e.kind == OpKind::kCas && (e.value.nil || e.value2.nil)) {
      return base::Status::InvalidArgument(where + "a cas needs two integer values");
    }
    Operation op;
    op.process = e.process;
    op.kind = e.kind;
    op.has_key = e.has_key;
    op.key = e.key;
    if (e.has_key) {
      auto [k, fresh] = key_ids_.emplace(e.key, static_cast<int>(history_.keys.size()));
      if (fresh) history_.keys.push_back(e.key);
      op.key_id = k->second;
    }
    if (e.kind != OpKind::kRead) op.input = e.value;
    if (e.kind == OpKind::kCas) op.input2 = e.value2;
    op.invoke = history_.events++;
    op.invoke_line = e.line;
    outstanding_.emplace(e.process, history_.operations.size());
    history_.operations.push_back(std::move(op));
    return base::Status::OK();
  }
  if (it == outstanding_.end()) {
    return base::Status::InvalidArgument(where + process + " completes (:" + EventTypeName(e.type) +
                                         ") but has no outstanding invocation");
  }
  Operation& op = history_.operations[it->second];
  if (op.kind != e.kind) {
    return base::Status::InvalidArgument(where + process + " completes a " +
                                         OpKindName(e.kind, e.has_key) + " but its " +
                                         NameInvocation(op) + " is outstanding");
  }
  if (e.type == EventType::kOk) {
    if (e.has_key != op.has_key || e.key != op.key) {
      return base::Status::InvalidArgument(
          where + process + " completes key " + (e.has_key ? e.key : "(none)") + " but its " +
          NameInvocation(op) + " was on key " + (op.has_key ? op.key : "(none)"));
    }
    if (op.kind == OpKind::kRead) {
      op.output = e.value;
    } else if (!(e.value == op.input) || (op.kind == OpKind::kCas && !(e.value2 == op.input2))) {
      return base::Status::InvalidArgument(where + process +
                                           "'s :ok does not echo the values "
                                           "of its " +
                                           NameInvocation(op));
    }
  }
  op.outcome = OutcomeOf(e.type);
  op.complete = history_.events++;
  op.complete_line = e.line;
  outstanding_.erase(it);
  return base::Status::OK();
}

History HistoryBuilder::Finish(std::string model) && {
  history_.model = std::move(model);
  return std::move(history_);
}

base::Status Validate(const History& h) {
  std::set<std::size_t> positions;
  // Per process, the completion position of its latest operation (kNoEvent when open).
  std::map<std::int64_t, std::size_t> last_end;
  for (std::size_t i = 0; i < h.operations.size(); ++i) {
    const Operation& op = h.operations[i];
    const std::string where = "operation " + std::to_string(i) + ": ";
    auto bad = [&where](const std::string& why) {
      return base::Status::InvalidArgument(where + why);
    };
    if (i > 0 && op.invoke <= h.operations[i - 1].invoke) {
      return bad("operations must be sorted by invocation position");
    }
    if (op.invoke >= h.events) return bad("invocation position past the history's events");
    if (op.outcome == Outcome::kPending) {
      if (op.complete != kNoEvent) return bad("a pending operation has no completion");
    } else {
      if (op.complete == kNoEvent || op.complete >= h.events) {
        return bad("a completed operation needs a completion position within the history");
      }
      if (op.complete <= op.invoke) return bad("completion must come after the invocation");
      if (!positions.insert(op.complete).second) return bad("two events at one position");
    }
    if (!positions.insert(op.invoke).second) return bad("two events at one position");
    if (op.kind == OpKind::kWrite && op.input.nil) return bad("a write needs an integer value");
    if (op.kind == OpKind::kCas && (op.input.nil || op.input2.nil)) {
      return bad("a cas needs two integer values");
    }
    if (op.has_key) {
      if (op.key_id < 0 || op.key_id >= static_cast<int>(h.keys.size()) ||
          h.keys[op.key_id] != op.key) {
        return bad("key id does not match History::keys");
      }
    } else if (op.key_id != -1) {
      return bad("an operation without a key has key id -1");
    }
    auto it = last_end.find(op.process);
    if (it != last_end.end() && (it->second == kNoEvent || it->second > op.invoke)) {
      return bad("process " + std::to_string(op.process) +
                 " invokes while another of its operations is outstanding");
    }
    last_end[op.process] = op.outcome == Outcome::kPending ? kNoEvent : op.complete;
  }
  return base::Status::OK();
}

std::string DescribeOperation(const Operation& op) {
  std::string s = "p" + std::to_string(op.process) + " " + OpKindName(op.kind, op.has_key);
  if (op.has_key) s += " " + op.key;
  switch (op.kind) {
    case OpKind::kRead:
      s += op.Determinate() ? " -> " + op.output.ToString() : " -> ?";
      break;
    case OpKind::kWrite:
      s += " " + op.input.ToString();
      break;
    case OpKind::kCas:
      s += " " + op.input.ToString() + " -> " + op.input2.ToString();
      break;
  }
  auto at = [](std::size_t position, int line) {
    std::string t = std::to_string(position);
    if (line > 0) t += " (line " + std::to_string(line) + ")";
    return t;
  };
  if (s.size() < 24) s.resize(24, ' ');
  s += "  invoke " + at(op.invoke, op.invoke_line) + ", ";
  if (op.outcome == Outcome::kPending) return s + "never completed";
  return s + OutcomeName(op.outcome) + " " + at(op.complete, op.complete_line);
}

}  // namespace raftcheck::linearizable
