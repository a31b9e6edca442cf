// Random small histories of a simulated store, for comparing the checker with brute force.
// The generator draws every choice from a Pick function, so that rapidcheck can drive (and
// shrink) it inside a property and a seeded engine can drive it for a counted batch.
//
// The store is simulated honestly (each operation takes effect at a random moment between
// its invocation and completion, or for :info ones possibly later, or never), then, in
// two thirds of the histories, some outputs are corrupted, so that both verdicts are common.
#ifndef RAFTCHECK_TESTS_LINEARIZABLE_RANDOM_HISTORY_H_
#define RAFTCHECK_TESTS_LINEARIZABLE_RANDOM_HISTORY_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "properties/linearizable/history.h"

namespace lintest {

using raftcheck::linearizable::Event;
using raftcheck::linearizable::EventType;
using raftcheck::linearizable::History;
using raftcheck::linearizable::HistoryBuilder;
using raftcheck::linearizable::OpKind;
using raftcheck::linearizable::Value;

// An integer from lo to hi, both included.
using Pick = std::function<int(int lo, int hi)>;

struct RandomHistoryShape {
  int max_processes = 3;   // "a few processes"
  int max_operations = 7;  // brute force enumerates up to 7! orders per subset
  int max_value = 2;       // values 1..max_value: collisions make reads ambiguous
  int keys = 0;            // 0: register; k > 0: kv over keys "a", "b", ...
  int info_one_in = 6;     // a completion is :info with probability 1 / info_one_in
};

inline History RandomHistory(const Pick& pick, const RandomHistoryShape& shape) {
  const int processes = pick(1, shape.max_processes);
  const int operations = pick(2, shape.max_operations);
  // Two in three histories get some wrong outputs; the others are honest (linearizable).
  const bool corrupt = pick(0, 2) != 0;
  struct Pending {
    Event invoke;
    bool effected = false;
    bool applied = false;  // a cas that matched
    Value read;            // what a read saw when it took effect
  };
  std::map<std::string, Value> store;
  std::map<std::int64_t, Pending> open;  // per process, invoked and not completed
  std::vector<Pending> lingering;        // :info completed, effect still to come
  HistoryBuilder builder;
  int invoked = 0;
  auto take_effect = [&store](Pending& p) {
    Value& cell = store[p.invoke.key];
    p.effected = true;
    switch (p.invoke.kind) {
      case OpKind::kRead:
        p.read = cell;
        break;
      case OpKind::kWrite:
        cell = p.invoke.value;
        break;
      case OpKind::kCas:
        p.applied = cell == p.invoke.value;
        if (p.applied) cell = p.invoke.value2;
        break;
    }
  };
  auto add = [&builder](const Event& e) {
    const base::Status s = builder.Add(e);
    (void)s;  // the simulation is well formed by construction; the tests check Validate
  };
  // Steps: invoke on an idle process, take effect, complete, or a lingering effect. The
  // bound keeps the loop finite whatever Pick returns.
  for (int step = 0; step < 8 * shape.max_operations + 8; ++step) {
    const std::int64_t p = pick(0, processes - 1);
    auto it = open.find(p);
    if (!lingering.empty() && pick(0, 3) == 0) {
      const int k = pick(0, static_cast<int>(lingering.size()) - 1);
      if (pick(0, 1) == 1) take_effect(lingering[k]);
      lingering.erase(lingering.begin() + k);
      continue;
    }
    if (it == open.end()) {
      if (invoked == operations) {
        if (open.empty()) break;
        continue;
      }
      Event e;
      e.process = p;
      e.type = EventType::kInvoke;
      e.kind = static_cast<OpKind>(pick(0, 2));
      if (shape.keys > 0) {
        e.has_key = true;
        e.key = std::string(1, static_cast<char>('a' + pick(0, shape.keys - 1)));
      }
      e.value = Value::Of(pick(1, shape.max_value));
      e.value2 = Value::Of(pick(1, shape.max_value));
      if (e.kind == OpKind::kRead) e.value = e.value2 = Value::Nil();
      if (e.kind == OpKind::kWrite) e.value2 = Value::Nil();
      add(e);
      open[p] = Pending{e};
      ++invoked;
      continue;
    }
    Pending& op = it->second;
    if (!op.effected && pick(0, 1) == 0) {
      take_effect(op);
      continue;
    }
    Event done = op.invoke;
    // :info sometimes, before or after the effect; a cas that did not match fails.
    const bool info = pick(0, shape.info_one_in - 1) == 0;
    if (info) {
      done.type = EventType::kInfo;
      if (!op.effected) lingering.push_back(op);
    } else {
      if (!op.effected) take_effect(op);
      done.type = op.invoke.kind == OpKind::kCas && !op.applied ? EventType::kFail : EventType::kOk;
      if (op.invoke.kind == OpKind::kRead) {
        done.value = op.read;
        if (corrupt && pick(0, 1) == 1) {
          // Another value than the one read: 0 stands for nil, and the honest value is skipped.
          const int honest = op.read.nil ? 0 : static_cast<int>(op.read.number);
          int v = pick(0, shape.max_value - 1);
          if (v >= honest) ++v;
          done.value = v == 0 ? Value::Nil() : Value::Of(v);
        }
      }
      if (op.invoke.kind == OpKind::kCas && corrupt && pick(0, 2) == 0) {
        done.type = op.applied ? EventType::kFail : EventType::kOk;  // a wrong cas verdict
      }
    }
    add(done);
    open.erase(it);
  }
  // Whatever is still open stays pending (indeterminate).
  return std::move(builder).Finish(shape.keys > 0 ? "kv" : "register");
}

}  // namespace lintest

#endif  // RAFTCHECK_TESTS_LINEARIZABLE_RANDOM_HISTORY_H_
