// The lemmas of AbstractRaft as Z3 formulas over a SymbolicState: the symbolic side of
// model/abstract/abstract_lemmas.h, statement for statement (same order, same names; see the
// catalog there). tests/smt/lemma_agreement_test.cc evaluates both on random explicit states.
#ifndef RAFTCHECK_CHECKER_SMT_SYMBOLIC_LEMMAS_H_
#define RAFTCHECK_CHECKER_SMT_SYMBOLIC_LEMMAS_H_

#include <z3++.h>

#include "checker/smt/symbolic_state.h"
#include "model/abstract/abstract_lemmas.h"

namespace raftcheck::smt {

// True exactly in the states of `s` where `lemma` holds.
z3::expr LemmaFormula(const Encoding& enc, model::abstract::Lemma lemma, const SymbolicState& s);

// The conjunction of every lemma: IndGlobal without TypeOK.
z3::expr AllLemmas(const Encoding& enc, const SymbolicState& s);

}  // namespace raftcheck::smt

#endif  // RAFTCHECK_CHECKER_SMT_SYMBOLIC_LEMMAS_H_
