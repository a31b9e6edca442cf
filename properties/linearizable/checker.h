// The linearizability checker: is there a sequential order of a history's operations that
// respects real time (an operation completed before another was invoked comes first) and
// that the model accepts step by step? (Herlihy and Wing, 1990.)
//
// Algorithm: Wing and Gong's depth-first search, as improved by Lowe ("Testing for
// linearizability", 2017) and implemented by Porcupine: walk the events in order; at a call,
// try to linearize that operation now (the model's step must be legal), lift its entries out
// and restart from the first remaining event; at a return of an operation not yet
// linearized, undo the last choice. A memo of configurations seen prunes the search.
//
// Invariants:
//  1. Soundness of the memo: a configuration is (the set of linearized operations, the model
//     state). The rest of the search depends on nothing else, so a configuration seen before
//     is pruned without loss. Keys are compared exactly (memo.h), never by hash alone.
//  2. Reads are taken greedily: a read-only operation that is legal where the scan meets it
//     is linearized with no alternative tried (search.cc, Frame). All its real-time
//     predecessors are linearized by then and it changes no state, so any way to finish can
//     move it first: if finishing after it fails, finishing without it fails too.
//  3. Indeterminate operations (:info, or never completed) return at "infinity": each may be
//     linearized at any point after its invocation, and once the search reaches the first
//     such return every determinate operation is linearized, so the rest may never have
//     taken effect and the history is linearizable. Indeterminate reads are dropped up front.
//     :fail operations are ignored (they did not take effect). A configuration with the same
//     determinate operations and state as a failed one, but more indeterminate operations
//     applied, has fewer options and is pruned (memo.h, invariant 2); the scan tries
//     determinate calls first so that the smaller sets fail first; and an indeterminate
//     operation is not tried right after another that it overwrites (Model::Overwrites): it
//     alone did the same from the configuration before.
//  4. P-compositionality (Herlihy and Wing's locality; Horn and Kroening): with
//     `partition`, each partition of the model is searched alone, in ascending partition
//     order, stopping at the first that is not linearizable; the history is linearizable iff
//     every partition is. Without it, the whole history is one search.
//  5. A violation is a sub-history of one partition that is itself not linearizable, reached
//     from the failing partition only by drops the model calls weakenings
//     (Model::DropIsWeakening), so it proves the whole history non-linearizable. Shrinking is
//     delta debugging over those drops; `minimal` means no single allowed drop keeps it
//     failing. A search inconclusive within its cap counts as "still linearizable" (the drop is
//     not taken), so shrinking never claims more than it showed.
//  6. Deterministic: the verdict, the steps and the violation depend only on the history,
//     the model and the step and memo limits (not on the clock, unless the time limit is
//     hit).
#ifndef RAFTCHECK_PROPERTIES_LINEARIZABLE_CHECKER_H_
#define RAFTCHECK_PROPERTIES_LINEARIZABLE_CHECKER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "properties/linearizable/history.h"
#include "properties/linearizable/model.h"

namespace raftcheck::linearizable {

struct Budget {
  std::uint64_t max_steps = 0;     // search steps of the verdict, all partitions; 0: none
  double max_seconds = 0;          // wall clock, verdict and shrinking together; 0: none
  std::size_t max_memo_bytes = 0;  // memo of any one search; 0: none
};

struct CheckOptions {
  bool partition = true;  // check each partition alone (invariant 4)
  bool shrink = true;     // shrink a violation (invariant 5)
  Budget budget;
};

enum class Verdict : std::uint8_t { kLinearizable, kNotLinearizable, kUnknown };
// "linearizable", "not-linearizable", "unknown".
const char* VerdictName(Verdict verdict);

struct CheckResult {
  Verdict verdict = Verdict::kLinearizable;
  std::string reason;             // kUnknown: the limit that stopped it, as a sentence
  std::size_t operations = 0;     // operations checked (all but :fail)
  std::size_t indeterminate = 0;  // of which :info or never completed
  std::size_t partitions = 0;     // partitions searched over (1 without partitioning)
  std::uint64_t steps = 0;        // search steps of the verdict (shrinking excluded)
  std::uint64_t shrink_steps = 0;
  std::size_t memo_entries = 0;  // largest memo of one search
  double seconds = 0;            // verdict and shrinking
  // kNotLinearizable: indices into History::operations, ascending (invariant 5).
  std::vector<std::size_t> violation;
  std::size_t violation_partition_size = 0;  // operations of the partition it came from
  bool minimal = false;
};

// Checks `history` against `model`. InvalidArgument when an operation is not one the model
// specifies (naming the operation and its line); otherwise the verdict. A limit of the budget
// reached before a verdict gives kUnknown with its reason; a violation found first still
// counts, even when other partitions were left unchecked.
// REQUIRES: Validate(history) is OK (every reader and HistoryBuilder guarantee it).
base::Result<CheckResult> Check(const History& history, const Model& model,
                                const CheckOptions& options);

}  // namespace raftcheck::linearizable

#endif  // RAFTCHECK_PROPERTIES_LINEARIZABLE_CHECKER_H_
