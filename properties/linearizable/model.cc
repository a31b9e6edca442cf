#include "properties/linearizable/model.h"

#include <algorithm>
#include <map>
#include <utility>

namespace raftcheck::linearizable {
namespace {

// The registers of both models hold nil or an integer, and no operation writes nil, so a
// register's state is the words {} (nil) or {n}; the kv state is the sorted pairs
// (key id, n) of the keys written so far.

// Why dropping is a weakening for registers. Take a legal sequential order L of the larger
// history and delete the dropped operations. A kept operation o that observes a value (a
// read returning it, a cas expecting it) saw the state left by the last write y before it in
// L (no write at all for nil: then none is left either). If y is kept, o still sees it. A
// dropped y could be o's source only if o observes the value y wrote and o did not complete
// before y was invoked (else o precedes y in L). So when no kept operation could have
// observed a dropped write in that sense, every kept operation sees what it saw in L, and
// real time survives deletion: the smaller history is linearizable too.
//
// (A sharper rule would also let go of a write that a later write, completed in between,
// hides from every observer. It is sound, but the shrunk history would then show a read of 1
// with no write of 1 at all, where the true story is a write of 1 overwritten too early: the
// writes of the observed values are kept as the context that explains the violation.)
class RegisterDrops {
 public:
  explicit RegisterDrops(std::span<const Operation* const> kept) {
    for (const Operation* op : kept) {
      std::int64_t observed = 0;
      if (op->kind == OpKind::kRead && op->Determinate() && !op->output.nil) {
        observed = op->output.number;
      } else if (op->kind == OpKind::kCas) {
        observed = op->input.number;
      } else {
        continue;
      }
      // Where the observer's window ends: its completion, or never when indeterminate.
      const std::size_t end = op->Determinate() ? op->complete : kNoEvent;
      auto [it, fresh] = last_end_.emplace(std::make_pair(op->key_id, observed), end);
      if (!fresh) it->second = std::max(it->second, end);
    }
  }

  // Whether some kept operation may have observed what `y` wrote.
  bool MayObserve(const Operation& y) const {
    const std::int64_t value = y.kind == OpKind::kWrite ? y.input.number : y.input2.number;
    auto it = last_end_.find({y.key_id, value});
    return it != last_end_.end() && it->second > y.invoke;
  }

 private:
  // Per (key id, value): the latest end of a kept operation observing it.
  std::map<std::pair<int, std::int64_t>, std::size_t> last_end_;
};

bool DropsOnlyUnobservedWrites(std::span<const Operation* const> dropped,
                               std::span<const Operation* const> kept) {
  const RegisterDrops drops(kept);
  for (const Operation* op : dropped) {
    if (op->kind != OpKind::kRead && drops.MayObserve(*op)) return false;
  }
  return true;
}

// The value a register with state words `w` holds.
Value RegisterValue(const State& w) { return w.empty() ? Value::Nil() : Value::Of(w[0]); }

// One register step from `current`: legal or not, and *written with *writes when it writes.
bool RegisterStep(Value current, const Operation& op, bool* writes, std::int64_t* written) {
  *writes = false;
  switch (op.kind) {
    case OpKind::kRead:
      return !op.Determinate() || op.output == current;
    case OpKind::kWrite:
      *writes = true;
      *written = op.input.number;
      return true;
    case OpKind::kCas:
      if (!(current == op.input)) return false;
      *writes = true;
      *written = op.input2.number;
      return true;
  }
  return false;
}

class RegisterModel : public Model {
 public:
  const char* name() const override { return "register"; }
  base::Status Accepts(const Operation& op) const override {
    if (op.has_key) {
      return base::Status::InvalidArgument("the register model takes no keys (key " + op.key +
                                           "); use --model kv");
    }
    return base::Status::OK();
  }
  State Init() const override { return {}; }
  bool Step(const State& state, const Operation& op, State* next) const override {
    bool writes = false;
    std::int64_t written = 0;
    if (!RegisterStep(RegisterValue(state), op, &writes, &written)) return false;
    if (writes) {
      next->assign(1, written);
    } else {
      *next = state;
    }
    return true;
  }
  bool ReadOnly(const Operation& op) const override { return op.kind == OpKind::kRead; }
  bool Overwrites(const Operation& later, const Operation&) const override {
    return later.kind == OpKind::kWrite;
  }
  bool DropIsWeakening(std::span<const Operation* const> dropped,
                       std::span<const Operation* const> kept) const override {
    return DropsOnlyUnobservedWrites(dropped, kept);
  }
  std::string DescribeState(const State& state) const override {
    return RegisterValue(state).ToString();
  }
};

class KvModel : public Model {
 public:
  const char* name() const override { return "kv"; }
  base::Status Accepts(const Operation& op) const override {
    if (!op.has_key || op.key_id < 0) {
      return base::Status::InvalidArgument(std::string("the kv model needs a key on every ") +
                                           "operation (a " + OpKindName(op.kind, false) +
                                           " has none); use --model register");
    }
    return base::Status::OK();
  }
  State Init() const override { return {}; }
  bool Step(const State& state, const Operation& op, State* next) const override {
    const std::size_t at = Find(state, op.key_id);
    const bool present = at < state.size() && state[at] == op.key_id;
    const Value current = present ? Value::Of(state[at + 1]) : Value::Nil();
    bool writes = false;
    std::int64_t written = 0;
    if (!RegisterStep(current, op, &writes, &written)) return false;
    *next = state;
    if (writes) {
      if (present) {
        (*next)[at + 1] = written;
      } else {
        const std::int64_t pair[] = {op.key_id, written};
        next->insert(next->begin() + static_cast<std::ptrdiff_t>(at), pair, pair + 2);
      }
    }
    return true;
  }
  bool ReadOnly(const Operation& op) const override { return op.kind == OpKind::kRead; }
  bool Overwrites(const Operation& later, const Operation& earlier) const override {
    return later.kind == OpKind::kWrite && later.key_id == earlier.key_id;
  }
  std::int64_t Partition(const Operation& op) const override { return op.key_id; }
  bool DropIsWeakening(std::span<const Operation* const> dropped,
                       std::span<const Operation* const> kept) const override {
    return DropsOnlyUnobservedWrites(dropped, kept);
  }
  std::string DescribeState(const State& state) const override {
    std::string s = "{";
    for (std::size_t i = 0; i + 1 < state.size(); i += 2) {
      s += (i ? ", #" : "#") + std::to_string(state[i]) + "=" + std::to_string(state[i + 1]);
    }
    return s + "}";
  }

 private:
  // The offset of key's pair in the sorted pairs, or where it would go.
  static std::size_t Find(const State& state, std::int64_t key) {
    std::size_t lo = 0, hi = state.size() / 2;
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (state[2 * mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return 2 * lo;
  }
};

}  // namespace

std::int64_t Model::Partition(const Operation&) const { return 0; }

bool Model::Overwrites(const Operation&, const Operation&) const { return false; }

bool Model::DropIsWeakening(std::span<const Operation* const> dropped,
                            std::span<const Operation* const>) const {
  return std::all_of(dropped.begin(), dropped.end(),
                     [this](const Operation* op) { return ReadOnly(*op); });
}

const char* ModelNames() { return "register|kv"; }

base::Result<std::unique_ptr<Model>> MakeModel(std::string_view name) {
  if (name == "register") return std::unique_ptr<Model>(std::make_unique<RegisterModel>());
  if (name == "kv") return std::unique_ptr<Model>(std::make_unique<KvModel>());
  return base::Status::InvalidArgument("unknown model \"" + std::string(name) + "\" (" +
                                       ModelNames() + ")");
}

}  // namespace raftcheck::linearizable
