// Sequential specifications for the linearizability checker: what one operation does to the
// state of the object when it takes effect alone. The checker sees a model only through this
// interface and a state only as words to compare and hash.
//
// Two models:
//  - "register": one register, initially nil; read returns the value, write sets it, cas
//    sets it to the new value when it holds the expected one (an :ok cas must have matched).
//  - "kv": a map of such registers, one per key (get, put, cas); a missing key reads nil.
//    Keys never interact, so it is partitioned by key (P-compositionality, Horn and Kroening).
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_MODEL_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_MODEL_H_

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "properties/linearizable/history.h"

namespace raftcheck::linearizable {

// A model state as the checker sees it: words compared and hashed, never interpreted.
using State = std::vector<std::int64_t>;

class Model {
 public:
  virtual ~Model() = default;

  virtual const char* name() const = 0;
  // OK when op is one this model specifies (the register takes no key, the kv model needs
  // one); else InvalidArgument saying why.
  virtual base::Status Accepts(const Operation& op) const = 0;
  // The state before any operation.
  virtual State Init() const = 0;
  // REQUIRES: Accepts(op). Applies op to `state` as if it took effect now. Returns false when
  // that is illegal (the op's known output contradicts the state); otherwise sets *next (not
  // aliased with state) to the state after it. The output of an op that is not Determinate()
  // is unknown and not checked.
  virtual bool Step(const State& state, const Operation& op, State* next) const = 0;
  // True when op never changes the state (a read): an indeterminate one constrains nothing.
  virtual bool ReadOnly(const Operation& op) const = 0;
  // True when `later` right after `earlier` is the same as `later` alone: from every state
  // where earlier is legal, later is legal after it iff legal without it, and leaves the same
  // state (a write over any operation on its register). The search then skips the pair for
  // two indeterminate operations. The default says false, which is always safe.
  virtual bool Overwrites(const Operation& later, const Operation& earlier) const;
  // The partition op belongs to (P-compositionality): operations of different partitions
  // never affect each other, so a history is linearizable iff each partition's sub-history
  // is. The default puts every operation in partition 0.
  virtual std::int64_t Partition(const Operation& op) const;
  // True when removing `dropped` from a history whose remaining operations are `kept` keeps
  // every linearizable history linearizable (a weakening). Then the smaller history failing
  // proves the larger one fails, which is what lets the checker shrink a counterexample
  // soundly. The default allows dropping read-only operations only.
  virtual bool DropIsWeakening(std::span<const Operation* const> dropped,
                               std::span<const Operation* const> kept) const;
  // The state for messages ("3", "{x=1, y=nil}").
  virtual std::string DescribeState(const State& state) const = 0;
};

// "register" or "kv"; InvalidArgument naming the known models otherwise.
base::Result<std::unique_ptr<Model>> MakeModel(std::string_view name);
// The names MakeModel knows, as "register|kv".
const char* ModelNames();

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_MODEL_H_
