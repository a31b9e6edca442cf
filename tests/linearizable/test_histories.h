// Test helpers for the linearizability checker: a builder of histories by events, a
// brute-force checker to compare with, and a FIFO queue model (Herlihy and Wing's example
// object) that only the tests use.
#ifndef RAFTCHECK_TESTS_LINEARIZABLE_TEST_HISTORIES_H_
#define RAFTCHECK_TESTS_LINEARIZABLE_TEST_HISTORIES_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "properties/linearizable/checker.h"
#include "properties/linearizable/history.h"
#include "properties/linearizable/model.h"

namespace lintest {

using namespace raftcheck::linearizable;  // NOLINT: test code

// Builds a history event by event: H().Write(0, 1).Ok(0).Read(1).Ok(1, 1).Build().
// Completions echo the inputs of the process's outstanding invocation.
class H {
 public:
  explicit H(std::string model = "register") : model_(std::move(model)) {}

  H& Read(std::int64_t p, std::string key = "") { return Invoke(p, OpKind::kRead, {}, {}, key); }
  H& Write(std::int64_t p, std::int64_t v, std::string key = "") {
    return Invoke(p, OpKind::kWrite, Value::Of(v), {}, key);
  }
  H& Cas(std::int64_t p, std::int64_t expected, std::int64_t next, std::string key = "") {
    return Invoke(p, OpKind::kCas, Value::Of(expected), Value::Of(next), key);
  }
  // Completes p's operation :ok; a read returns `read` (nullopt: nil).
  H& Ok(std::int64_t p, std::optional<std::int64_t> read = std::nullopt) {
    Event e = open_.at(p);
    e.type = EventType::kOk;
    if (e.kind == OpKind::kRead) e.value = read ? Value::Of(*read) : Value::Nil();
    return Add(e);
  }
  H& Fail(std::int64_t p) { return Complete(p, EventType::kFail); }
  H& Info(std::int64_t p) { return Complete(p, EventType::kInfo); }

  // Consumes the builder.
  History Build() { return std::move(builder_).Finish(model_); }

 private:
  H& Invoke(std::int64_t p, OpKind kind, Value a, Value b, const std::string& key) {
    Event e;
    e.process = p;
    e.kind = kind;
    e.value = a;
    e.value2 = b;
    e.has_key = !key.empty();
    e.key = key;
    open_[p] = e;
    return Add(e);
  }
  H& Complete(std::int64_t p, EventType type) {
    Event e = open_.at(p);
    e.type = type;
    return Add(e);
  }
  H& Add(const Event& e) {
    base::Status s = builder_.Add(e);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return *this;
  }

  std::string model_;
  HistoryBuilder builder_;
  std::map<std::int64_t, Event> open_;
};

// The operations of h that count (all but :fail), in invocation order.
inline std::vector<const Operation*> Counted(const History& h) {
  std::vector<const Operation*> ops;
  for (const Operation& op : h.operations) {
    if (op.Counts()) ops.push_back(&op);
  }
  return ops;
}

// The definition, by brute force: some order of all determinate operations and any subset
// of the indeterminate ones, respecting real time (a precedes b when a completed :ok before
// b's invocation), is legal for the model step by step. No memo, no partitions, no shortcut.
inline bool BruteForceLinearizable(const Model& model, std::span<const Operation* const> ops) {
  std::vector<bool> placed(ops.size(), false);
  std::function<bool(const State&)> extend = [&](const State& state) {
    bool all_placed = true;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      all_placed = all_placed && (placed[i] || !ops[i]->Determinate());
    }
    if (all_placed) return true;
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (placed[i]) continue;
      bool ready = true;
      for (std::size_t j = 0; j < ops.size() && ready; ++j) {
        ready = placed[j] || !ops[j]->Determinate() || ops[j]->complete > ops[i]->invoke;
      }
      State next;
      if (!ready || !model.Step(state, *ops[i], &next)) continue;
      placed[i] = true;
      const bool found = extend(next);
      placed[i] = false;
      if (found) return true;
    }
    return false;
  };
  return extend(model.Init());
}

inline bool BruteForceLinearizable(const Model& model, const History& h) {
  const std::vector<const Operation*> ops = Counted(h);
  return BruteForceLinearizable(model, ops);
}

// A FIFO queue (Herlihy and Wing's running example), for the tests only: a write enqueues
// its value, a read dequeues and returns the head (nil when the queue is empty).
class QueueModel : public Model {
 public:
  const char* name() const override { return "queue"; }
  base::Status Accepts(const Operation& op) const override {
    if (op.kind == OpKind::kCas) return base::Status::InvalidArgument("a queue has no cas");
    return base::Status::OK();
  }
  State Init() const override { return {}; }
  bool Step(const State& state, const Operation& op, State* next) const override {
    if (op.kind == OpKind::kWrite) {
      *next = state;
      next->push_back(op.input.number);
      return true;
    }
    const Value head = state.empty() ? Value::Nil() : Value::Of(state.front());
    if (op.Determinate() && !(op.output == head)) return false;
    next->assign(state.begin() + (state.empty() ? 0 : 1), state.end());
    return true;
  }
  bool ReadOnly(const Operation&) const override { return false; }  // a dequeue changes it
  std::string DescribeState(const State& state) const override {
    std::string s = "[";
    for (std::int64_t v : state) s += (s.size() > 1 ? " " : "") + std::to_string(v);
    return s + "]";
  }
};

// Check() with default options, which must succeed.
inline CheckResult MustCheck(const History& h, const Model& m, CheckOptions options = {}) {
  base::Result<CheckResult> r = Check(h, m, options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : CheckResult{};
}

inline std::unique_ptr<Model> MustModel(const std::string& name) {
  return std::move(MakeModel(name).value());
}

}  // namespace lintest

#endif  // RAFTCHECK_TESTS_LINEARIZABLE_TEST_HISTORIES_H_
