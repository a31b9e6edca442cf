#include "properties/linearizable/search.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "properties/linearizable/memo.h"

namespace raftcheck::linearizable {
namespace {

// The clock is read once per this many steps (reading it costs more than a step).
constexpr std::uint64_t kStepsPerClockCheck = 1024;

// The events of the search as a doubly linked list (Lowe's "lift" and "unlift" splice
// entries out and back in place). Entry 0 is the head sentinel; entry 2k+1 is operation k's
// call, 2k+2 its return. A return of an indeterminate operation sorts after every event of
// the history: such an operation may take effect at any point after its invocation.
class EntryList {
 public:
  explicit EntryList(std::span<const Operation* const> ops) {
    const std::size_t n = ops.size();
    next_.assign(2 * n + 1, kEnd);
    prev_.assign(2 * n + 1, 0);
    // (position, entry); indeterminate returns at "infinity", in operation order.
    std::vector<std::pair<std::size_t, std::size_t>> order;
    order.reserve(2 * n);
    for (std::size_t k = 0; k < n; ++k) {
      order.emplace_back(ops[k]->invoke, 2 * k + 1);
      order.emplace_back(ops[k]->Determinate() ? ops[k]->complete : kNoEvent, 2 * k + 2);
    }
    std::sort(order.begin(), order.end());
    std::size_t last = 0;
    for (const auto& [position, entry] : order) {
      next_[last] = entry;
      prev_[entry] = last;
      last = entry;
    }
  }

  static constexpr std::size_t kEnd = static_cast<std::size_t>(-1);
  std::size_t First() const { return next_[0]; }
  std::size_t Next(std::size_t e) const { return next_[e]; }
  static bool IsCall(std::size_t e) { return e % 2 == 1; }
  static std::size_t OpOf(std::size_t e) { return (e - 1) / 2; }

  // Removes operation k's call and return entries.
  void Lift(std::size_t k) {
    Unlink(2 * k + 1);
    Unlink(2 * k + 2);
  }
  // Restores them; REQUIRES: the entries lifted after them are already restored.
  void Unlift(std::size_t k) {
    Relink(2 * k + 2);
    Relink(2 * k + 1);
  }

 private:
  void Unlink(std::size_t e) {
    next_[prev_[e]] = next_[e];
    if (next_[e] != kEnd) prev_[next_[e]] = prev_[e];
  }
  void Relink(std::size_t e) {
    next_[prev_[e]] = e;
    if (next_[e] != kEnd) prev_[next_[e]] = e;
  }

  std::vector<std::size_t> next_;
  std::vector<std::size_t> prev_;
};

// One choice of the search. A read-only operation that is legal where the scan meets it is
// taken without alternatives (`forced`): every call the scan meets has all its real-time
// predecessors linearized, so in any way to finish from here the read can be moved first
// (it changes no state and nothing must precede it), and if finishing after it fails, so
// does finishing from here.
struct Frame {
  std::size_t op = 0;      // the operation linearized at this depth
  bool forced = false;     // a read taken without alternatives
  std::uint64_t memo = 0;  // the memo's handle of the configuration it led to
  State before;            // the state before it
};

// True when the last choice was an indeterminate operation that `op` overwrites.
bool OverwritesLast(const Model& model, const Operation& op, const std::vector<Frame>& stack,
                    const std::vector<const Operation*>& ops) {
  if (stack.empty()) return false;
  const Operation& last = *ops[stack.back().op];
  return !last.Determinate() && model.Overwrites(op, last);
}

}  // namespace

// The scan of a configuration tries the determinate calls first (pass 0), then the
// indeterminate ones (pass 1): configurations where fewer indeterminate operations took
// effect are finished first, and then prune those where more did (memo.h, invariant 2).
SearchOutcome Search(const Model& model, std::span<const Operation* const> all,
                     const SearchLimits& limits) {
  std::vector<const Operation*> ops;
  ops.reserve(all.size());
  for (const Operation* op : all) {
    if (op->Determinate() || !model.ReadOnly(*op)) ops.push_back(op);
  }
  // Each operation's index among the determinate or among the indeterminate ones.
  std::vector<std::size_t> slot(ops.size());
  std::size_t determinate = 0, indeterminate = 0;
  for (std::size_t k = 0; k < ops.size(); ++k) {
    slot[k] = ops[k]->Determinate() ? determinate++ : indeterminate++;
  }
  SearchOutcome out;
  EntryList list(ops);
  Bitset linearized_d(determinate);
  Bitset linearized_i(indeterminate);
  auto mark = [&](std::size_t k, bool on) {
    Bitset& set = ops[k]->Determinate() ? linearized_d : linearized_i;
    if (on) {
      set.Set(slot[k]);
    } else {
      set.Clear(slot[k]);
    }
  };
  MemoTable memo(linearized_i.size_words());
  std::vector<Frame> stack;
  stack.reserve(ops.size());
  State state = model.Init();
  State next;
  std::size_t e = list.First();
  int pass = 0;
  while (e != EntryList::kEnd) {
    ++out.steps;
    if (out.steps % kStepsPerClockCheck == 0) {
      if (limits.deadline && std::chrono::steady_clock::now() >= *limits.deadline) {
        out.limit = Limit::kTime;
        break;
      }
      if (limits.max_memo_bytes > 0 && memo.bytes() > limits.max_memo_bytes) {
        out.limit = Limit::kMemory;
        break;
      }
    }
    if (limits.max_steps > 0 && out.steps > limits.max_steps) {
      out.limit = Limit::kSteps;
      break;
    }
    const std::size_t k = EntryList::OpOf(e);
    const Operation& op = *ops[k];
    if (EntryList::IsCall(e)) {
      // Try to linearize operation k now: this pass's kind, legal, and not pruned. Right
      // after an indeterminate operation that k overwrites, k alone did the same and is
      // tried from the configuration before (memo.h, invariant 2).
      if (op.Determinate() != (pass == 0) || (pass == 1 && OverwritesLast(model, op, stack, ops)) ||
          !model.Step(state, op, &next)) {
        e = list.Next(e);
        continue;
      }
      const bool forced = model.ReadOnly(op);
      mark(k, true);
      const std::uint64_t handle = memo.Visit(linearized_d, linearized_i, next);
      if (handle != MemoTable::kPruned) {
        stack.push_back({k, forced, handle, std::move(state)});
        state = std::move(next);
        next = State();
        list.Lift(k);
        e = list.First();
        pass = 0;
        continue;
      }
      mark(k, false);
      // Pruned, so that configuration fails. For a read, so does this one (see Frame).
      if (!forced) {
        e = list.Next(e);
        continue;
      }
    } else if (!op.Determinate()) {
      // Every entry before this return was a call we could skip, so every determinate
      // operation is linearized; the indeterminate ones left may never have taken effect.
      break;
    } else if (pass == 0) {
      // Operation k must have taken effect by now: try the indeterminate calls before it.
      pass = 1;
      e = list.First();
      continue;
    }
    // This configuration fails (a return reached, or a forced read refuted): undo the last
    // choice, and the one before it too while the undone choice was forced.
    Frame top;
    do {
      if (stack.empty()) {
        out.linearizable = false;
        out.memo_entries = memo.size();
        return out;
      }
      top = std::move(stack.back());
      stack.pop_back();
      state = std::move(top.before);
      mark(top.op, false);
      list.Unlift(top.op);
      memo.Finish(top.memo);
    } while (top.forced);
    e = list.Next(2 * top.op + 1);
    pass = ops[top.op]->Determinate() ? 0 : 1;
  }
  out.memo_entries = memo.size();
  if (out.limit == Limit::kNone) out.linearizable = true;
  return out;
}

}  // namespace raftcheck::linearizable
