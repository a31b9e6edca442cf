#include "checker/smt/symbolic_lemmas.h"

#include <functional>

namespace raftcheck::smt {
namespace {

namespace ab = model::abstract;
using z3::expr;

// Helpers that unroll the specification's quantifiers over finite sets.
class Builder {
 public:
  Builder(const Encoding& enc, const SymbolicState& st) : enc_(enc), st_(st), all_(enc.ctx()) {}

  // Adds one conjunct.
  void Require(const expr& e) { all_.push_back(e); }
  expr Result() const { return z3::mk_and(all_); }

  int n() const { return enc_.servers(); }
  const SymbolicServer& At(int s) const { return st_.servers[static_cast<std::size_t>(s)]; }
  // Entry `index` (1-based) of s is present.
  expr Has(int s, int index) const { return z3::ule(enc_.LenVal(index), At(s).len); }
  const expr& Term(int s, int index) const {
    return At(s).log[static_cast<std::size_t>(index - 1)];
  }
  // For every committed pair <<index, term>>: committed => body(index, term).
  void ForEachCommitted(const std::function<expr(int, int)>& body) {
    for (int k = 1; k <= enc_.committed_indices(); ++k) {
      for (int t = 0; t < enc_.committed_terms(); ++t) {
        Require(z3::implies(Committed(k, t), body(k, t)));
      }
    }
  }
  const expr& Committed(int index, int term) const {
    return st_.committed[static_cast<std::size_t>(index - 1)][static_cast<std::size_t>(term)];
  }
  expr Quorum(const std::function<expr(int)>& p) const {
    std::vector<expr> holds;
    for (int s = 0; s < n(); ++s) holds.push_back(p(s));
    return enc_.Quorum(holds);
  }
  const Encoding& enc() const { return enc_; }
  int slots() const { return enc_.capacity(); }

 private:
  const Encoding& enc_;
  const SymbolicState& st_;
  z3::expr_vector all_;
};

void StateMachineSafety(Builder& b) {
  b.ForEachCommitted([&](int k, int t) {
    z3::expr_vector other(b.enc().ctx());
    for (int u = t + 1; u < b.enc().committed_terms(); ++u) other.push_back(b.Committed(k, u));
    return !z3::mk_or(other);
  });
}

void CommittedEntryIsOnQuorum(Builder& b) {
  b.ForEachCommitted([&](int k, int t) {
    return b.Quorum([&](int s) { return b.enc().InLog(b.At(s), k, b.enc().TermVal(t)); });
  });
}

void LaterLogsHaveEarlierCommitted(Builder& b) {
  b.ForEachCommitted([&](int k, int t) {
    z3::expr_vector each(b.enc().ctx());
    for (int s = 0; s < b.n(); ++s) {
      for (int i = 1; i <= b.slots(); ++i) {
        each.push_back(z3::implies(b.Has(s, i) && z3::ugt(b.Term(s, i), b.enc().TermVal(t)),
                                   b.enc().InLog(b.At(s), k, b.enc().TermVal(t))));
      }
    }
    return z3::mk_and(each);
  });
}

void LeaderCompleteness(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    b.ForEachCommitted([&](int k, int t) {
      return z3::implies(b.At(s).primary && z3::ult(b.enc().TermVal(t), b.At(s).term),
                         b.enc().InLog(b.At(s), k, b.enc().TermVal(t)));
    });
  }
}

void LogEntryImpliesSafeAtTerm(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int i = 1; i <= b.slots(); ++i) {
      b.Require(z3::implies(b.Has(s, i),
                            b.Quorum([&](int m) { return z3::uge(b.At(m).term, b.Term(s, i)); })));
    }
  }
}

void TermsMonotonic(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int i = 1; i <= b.slots(); ++i) {
      for (int j = i; j <= b.slots(); ++j) {
        b.Require(z3::implies(b.Has(s, j), z3::ule(b.Term(s, i), b.Term(s, j))));
      }
    }
  }
}

void UniformLogEntries(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int i = 1; i <= b.slots(); ++i) {
      z3::expr_vector first(b.enc().ctx());
      for (int j = 1; j < i; ++j) first.push_back(b.Term(s, j) != b.Term(s, i));
      z3::expr_vector earlier(b.enc().ctx());
      for (int t = 0; t < b.n(); ++t) {
        for (int k = 1; k < i; ++k) earlier.push_back(b.Has(t, k) && b.Term(t, k) == b.Term(s, i));
      }
      b.Require(z3::implies(b.Has(s, i) && z3::mk_and(first), !z3::mk_or(earlier)));
    }
  }
}

void QuorumsSafeAtTerms(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    b.Require(z3::implies(b.At(s).primary,
                          b.Quorum([&](int m) { return z3::uge(b.At(m).term, b.At(s).term); })));
  }
}

void PrimaryTermGTELogTerm(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int i = 1; i <= b.slots(); ++i) {
      b.Require(z3::implies(b.At(s).primary && b.Has(s, i), z3::uge(b.At(s).term, b.Term(s, i))));
    }
  }
}

void LogMatching(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int t = 0; t < b.n(); ++t) {
      for (int i = 1; i <= b.slots(); ++i) {
        z3::expr_vector prefix(b.enc().ctx());
        for (int k = 1; k < i; ++k) prefix.push_back(b.Term(s, k) == b.Term(t, k));
        b.Require(z3::implies(b.Has(s, i) && b.enc().InLog(b.At(t), i, b.Term(s, i)),
                              z3::mk_and(prefix)));
      }
    }
  }
}

void PrimaryHasOwnEntries(Builder& b) {
  for (int p = 0; p < b.n(); ++p) {
    for (int s = 0; s < b.n(); ++s) {
      for (int k = 1; k <= b.slots(); ++k) {
        b.Require(z3::implies(b.At(p).primary && b.Has(s, k) && b.Term(s, k) == b.At(p).term,
                              b.enc().InLog(b.At(p), k, b.At(p).term)));
      }
    }
  }
}

void OnePrimaryPerTerm(Builder& b) {
  for (int s = 0; s < b.n(); ++s) {
    for (int t = s + 1; t < b.n(); ++t) {
      b.Require(!(b.At(s).primary && b.At(t).primary && b.At(s).term == b.At(t).term));
    }
  }
}

using LemmaFn = void (*)(Builder&);
constexpr std::array<LemmaFn, ab::kLemmaCount> kLemmaFns = {
    StateMachineSafety, CommittedEntryIsOnQuorum,  LaterLogsHaveEarlierCommitted,
    LeaderCompleteness, LogEntryImpliesSafeAtTerm, TermsMonotonic,
    UniformLogEntries,  QuorumsSafeAtTerms,        PrimaryTermGTELogTerm,
    LogMatching,        PrimaryHasOwnEntries,      OnePrimaryPerTerm,
};

}  // namespace

z3::expr LemmaFormula(const Encoding& enc, ab::Lemma lemma, const SymbolicState& s) {
  Builder b(enc, s);
  kLemmaFns[static_cast<std::size_t>(lemma)](b);
  return b.Result();
}

z3::expr AllLemmas(const Encoding& enc, const SymbolicState& s) {
  z3::expr_vector all(enc.ctx());
  for (int l = 0; l < ab::kLemmaCount; ++l) {
    all.push_back(LemmaFormula(enc, static_cast<ab::Lemma>(l), s));
  }
  return z3::mk_and(all);
}

}  // namespace raftcheck::smt
