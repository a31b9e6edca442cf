// AbstractRaft states as Z3 terms (z3++), for bounded model checking and induction.
//
// The encoding (one choice, documented here):
//  - Quantifier-free bit-vectors and Booleans only. Every quantifier of the specification
//    ranges over a finite set (servers, log indices, committed (index, term) pairs) and is
//    unrolled, so Z3 bit-blasts each query to SAT. Logs are fixed per-server vectors of
//    bit-vector terms rather than SMT arrays: with at most 8 slots an array would only add
//    extensionality reasoning for nothing.
//  - Per server: term (BV), primary (Bool), len (BV) and `capacity` log slots (BV terms).
//    Slots at positions >= len are unconstrained garbage; every formula reads a slot only
//    under `len > position`, so garbage never matters (Extract zeroes it).
//  - immediatelyCommitted is a Boolean matrix committed[index-1][term] over indices
//    1..max_log and terms 0..max_term: CommitEntry commits <<Len(log[i]), LastTerm(log[i])>>
//    of an in-bound state, so a pair never leaves that box (TypeOK's LogIndices x Terms).
//  - Widths hold one step past the bounds: terms up to max_term + 1 (BecomeLeader from
//    max_term) and lengths up to max_log + 1 (an append at max_log). Bounded model checking
//    keeps every state but the last in bounds, and induction starts in bounds, so no
//    arithmetic ever wraps. Comparisons are unsigned (ult/ule), never the signed operators.
#ifndef RAFTCHECK_CHECKER_SMT_SYMBOLIC_STATE_H_
#define RAFTCHECK_CHECKER_SMT_SYMBOLIC_STATE_H_

#include <z3++.h>

#include <string>
#include <vector>

#include "model/abstract/abstract_config.h"
#include "model/abstract/abstract_state.h"

namespace raftcheck::smt {

struct SymbolicServer {
  z3::expr term;
  z3::expr primary;
  z3::expr len;
  std::vector<z3::expr> log;  // log[k]: the term of entry k+1, meaningful when len > k
};

struct SymbolicState {
  std::vector<SymbolicServer> servers;
  std::vector<std::vector<z3::expr>> committed;  // committed[index-1][term], Booleans
};

// The shape of the encoding for one configuration, and the formulas over whole states.
// Holds a reference to the context: REQUIRES the context outlives it.
class Encoding {
 public:
  Encoding(z3::context& ctx, const model::abstract::AbstractConfig& config);

  z3::context& ctx() const { return ctx_; }
  const model::abstract::AbstractConfig& config() const { return config_; }
  int servers() const { return config_.servers; }
  int capacity() const { return config_.max_log + 1; }          // log slots
  int committed_indices() const { return config_.max_log; }     // rows 1..max_log
  int committed_terms() const { return config_.max_term + 1; }  // columns 0..max_term

  // Numerals of the term and length sorts.
  z3::expr TermVal(int term) const { return ctx_.bv_val(term, term_bits_); }
  z3::expr LenVal(int len) const { return ctx_.bv_val(len, len_bits_); }

  // A state of fresh variables named `prefix`.<field>.
  SymbolicState Fresh(const std::string& prefix) const;
  // The state s as numerals. REQUIRES: s within the encoding's box (terms <= max_term + 1,
  // len <= capacity(), committed pairs within the matrix).
  SymbolicState Constant(const model::abstract::State& s) const;
  // The state a model assigns to `s` (garbage slots zeroed).
  model::abstract::State Extract(const z3::model& m, const SymbolicState& s) const;

  // Init: all Secondary in term 0 with empty logs, nothing committed.
  z3::expr Init(const SymbolicState& s) const;
  // StateConstraint: terms <= max_term and logs <= max_log.
  z3::expr InBounds(const SymbolicState& s) const;
  // TypeOK beyond InBounds: every log entry is a term in 0..max_term.
  z3::expr TypeOk(const SymbolicState& s) const;
  // Every variable of a equals its counterpart in b, garbage slots included: pinning a
  // successor this way leaves no part of it unconstrained (a complete frame).
  z3::expr Equal(const SymbolicState& a, const SymbolicState& b) const;

  // Queries shared by the transitions and the lemmas (abstract_state.h's, symbolically).
  // LastTerm(log[s]): 0 for an empty log.
  z3::expr LastTerm(const SymbolicServer& s) const;
  // The term of the entry at 1-based `index` (a length-sorted term); 0 for index 0.
  // REQUIRES (for a meaningful value): index <= len.
  z3::expr LogTermAt(const SymbolicServer& s, const z3::expr& index) const;
  // InLog(<<index, term>>, s) for a symbolic index.
  z3::expr InLog(const SymbolicServer& s, const z3::expr& index, const z3::expr& term) const;
  // InLog for a constant 1-based index.
  z3::expr InLog(const SymbolicServer& s, int index, const z3::expr& term) const;
  // "Some quorum has P at every member": more than half of `holds` are true.
  z3::expr Quorum(const std::vector<z3::expr>& holds) const;

 private:
  z3::context& ctx_;
  model::abstract::AbstractConfig config_;
  unsigned term_bits_;
  unsigned len_bits_;
};

}  // namespace raftcheck::smt

#endif  // RAFTCHECK_CHECKER_SMT_SYMBOLIC_STATE_H_
