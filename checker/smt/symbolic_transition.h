// AbstractRaft's actions as Z3 transition relations: the symbolic side of
// model/abstract/abstract_raft.cc, action for action (guards and updates as there; the
// deviations switched by the same config bits).
//
// A step from state s to state t is chosen by a StepChoice: the action kind, its node and peer
// and (BecomeLeader) its vote quorum, as variables. Step(s, c, t) says: the choice names an
// action instance, that instance is enabled in s, and t is its successor, every variable of t
// pinned (no frame is left open). Reading the choice back from a model gives the explicit
// action (ExtractAction), which is how BMC paths become traces.
//
// Choices are canonical, so one step has one model of its choice: peer is 0 for kinds without
// a peer, and the quorum is empty for kinds other than BecomeLeader.
#ifndef RAFTCHECK_CHECKER_SMT_SYMBOLIC_TRANSITION_H_
#define RAFTCHECK_CHECKER_SMT_SYMBOLIC_TRANSITION_H_

#include <z3++.h>

#include <optional>
#include <string>
#include <vector>

#include "checker/smt/symbolic_state.h"
#include "model/abstract/abstract_state.h"

namespace raftcheck::smt {

struct StepChoice {
  z3::expr kind;                 // ActionKind, a 3-bit vector
  z3::expr node;                 // a 3-bit vector
  z3::expr peer;                 // a 3-bit vector
  std::vector<z3::expr> quorum;  // per server, Booleans
};

class Transitions {
 public:
  // REQUIRES: enc outlives this.
  explicit Transitions(const Encoding& enc) : enc_(enc) {}

  StepChoice FreshChoice(const std::string& prefix) const;
  // The choice naming exactly action a.
  z3::expr Names(const StepChoice& c, const model::abstract::Action& a) const;

  // s -> t by the action `c` names, of any kind; or of kind `only` when given.
  z3::expr Step(const SymbolicState& s, const StepChoice& c, const SymbolicState& t,
                std::optional<model::abstract::ActionKind> only = std::nullopt) const;

  model::abstract::Action ExtractAction(const z3::model& m, const StepChoice& c) const;

 private:
  // The successor of s under the action instance (kind, i, j, quorum), and its guard.
  z3::expr Instance(model::abstract::ActionKind kind, int i, int j, const SymbolicState& s,
                    const std::vector<z3::expr>& quorum, const SymbolicState& t) const;
  // CanVoteForOplog(v, i, term).
  z3::expr CanVote(const SymbolicState& s, int v, int i, const z3::expr& term) const;

  const Encoding& enc_;
};

}  // namespace raftcheck::smt

#endif  // RAFTCHECK_CHECKER_SMT_SYMBOLIC_TRANSITION_H_
