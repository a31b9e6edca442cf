// The lemmas of AbstractRaft: the inductive invariant IndGlobal of will62794/scimitar
// (benchmarks/AbstractRaft_IndProofs_nfm.tla, lemmas H_* of benchmarks/AbstractRaft.tla),
// evaluated on explicit states. checker/smt/symbolic_lemmas.h states the same lemmas as Z3
// formulas; tests/smt/lemma_agreement_test.cc checks that both sides agree on random states.
//
// "Some quorum Q has P at every member" is written as "more than half of the servers have P"
// (IsQuorum, abstract_state.h); the two are the same statement. Log indices are 1-based.
// TypeOK (terms in 0..MaxTerm, logs of terms, committed pairs in LogIndices x Terms) is a
// property of the layout and the bounds, not a lemma here.
#ifndef RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_LEMMAS_H_
#define RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_LEMMAS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/abstract/abstract_state.h"

namespace model::abstract {

// In the order of IndGlobal, which is also the order in which failures are reported: the
// first lemma that fails names a violation.
enum class Lemma : std::uint8_t {
  kStateMachineSafety,             // two committed entries at one index are the same entry
  kCommittedEntryIsOnQuorum,       // every committed entry is in the logs of a quorum
  kLaterLogsHaveEarlierCommitted,  // a log with an entry of a later term holds the committed one
  kLeaderCompleteness,             // a primary holds every entry committed in earlier terms
  kLogEntryImpliesSafeAtTerm,      // an entry of term T implies a quorum in terms >= T
  kTermsMonotonic,                 // terms never decrease along a log
  kUniformLogEntries,              // the first entry of a term in any log precedes all others
  kQuorumsSafeAtTerms,             // a primary in term T implies a quorum in terms >= T
  kPrimaryTermGTELogTerm,          // a primary's term is >= every term in its log
  kLogMatching,                    // equal <<index, term>> implies equal prefixes
  kPrimaryHasOwnEntries,           // any entry of a primary's term is in the primary's log
  kOnePrimaryPerTerm,              // at most one primary per term
};
inline constexpr int kLemmaCount = 12;

struct LemmaInfo {
  Lemma lemma;
  std::string_view name;       // the property name (scimitar's H_ name without "H_")
  std::string_view statement;  // one line
};

// Every lemma, in enum order.
const std::array<LemmaInfo, kLemmaCount>& LemmaCatalog();
std::string_view LemmaName(Lemma lemma);
std::optional<Lemma> LemmaFromName(std::string_view name);

// nullopt when `lemma` holds in s (a state of `servers` servers), else one sentence naming
// the servers and entries that break it.
std::optional<std::string> CheckLemma(Lemma lemma, int servers, const State& s);

struct LemmaFailure {
  Lemma lemma;
  std::string message;
};
// The first lemma (in enum order) that fails in s, if any.
std::optional<LemmaFailure> FirstFailingLemma(int servers, const State& s);

}  // namespace model::abstract

#endif  // RAFTCHECK_MODEL_ABSTRACT_ABSTRACT_LEMMAS_H_
