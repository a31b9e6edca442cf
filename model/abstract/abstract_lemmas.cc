#include "model/abstract/abstract_lemmas.h"

#include <functional>

namespace model::abstract {
namespace {

using Failure = std::optional<std::string>;

std::string S(int s) { return "s" + std::to_string(s + 1); }
std::string Entry(int index, int term) {
  return "<<" + std::to_string(index) + "," + std::to_string(term) + ">>";
}

const Server& At(const State& st, int s) { return st.servers[static_cast<std::size_t>(s)]; }
int Term(const Server& v, int index) { return v.log[static_cast<std::size_t>(index - 1)]; }

// Calls f(index, term) for every committed pair; stops at the first failure f returns.
Failure ForEachCommitted(const State& st, const std::function<Failure(int, int)>& f) {
  for (int k = 1; k <= kLogCapacity; ++k) {
    for (int t = 0; t < 16; ++t) {
      if (!st.Committed(k, t)) continue;
      if (Failure fail = f(k, t)) return fail;
    }
  }
  return std::nullopt;
}

int CountServers(int n, const std::function<bool(int)>& p) {
  int count = 0;
  for (int s = 0; s < n; ++s) count += p(s);
  return count;
}

Failure StateMachineSafety(int, const State& st) {
  return ForEachCommitted(st, [&](int k, int t) -> Failure {
    for (int u = t + 1; u < 16; ++u) {
      if (st.Committed(k, u))
        return "both " + Entry(k, t) + " and " + Entry(k, u) + " are committed";
    }
    return std::nullopt;
  });
}

Failure CommittedEntryIsOnQuorum(int n, const State& st) {
  return ForEachCommitted(st, [&](int k, int t) -> Failure {
    if (IsQuorum(CountServers(n, [&](int s) { return InLog(At(st, s), k, t); }), n)) {
      return std::nullopt;
    }
    return "committed " + Entry(k, t) + " is in the logs of no quorum";
  });
}

Failure LaterLogsHaveEarlierCommitted(int n, const State& st) {
  return ForEachCommitted(st, [&](int k, int t) -> Failure {
    for (int s = 0; s < n; ++s) {
      const Server& v = At(st, s);
      for (int i = 1; i <= v.len; ++i) {
        if (Term(v, i) > t && !InLog(v, k, t)) {
          return S(s) + " has an entry of term " + std::to_string(Term(v, i)) +
                 " but not committed " + Entry(k, t);
        }
      }
    }
    return std::nullopt;
  });
}

Failure LeaderCompleteness(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    if (!v.primary) continue;
    if (Failure f = ForEachCommitted(st, [&](int k, int t) -> Failure {
          if (t < v.term && !InLog(v, k, t)) {
            return "primary " + S(s) + " of term " + std::to_string(v.term) + " lacks committed " +
                   Entry(k, t);
          }
          return std::nullopt;
        })) {
      return f;
    }
  }
  return std::nullopt;
}

Failure LogEntryImpliesSafeAtTerm(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    for (int i = 1; i <= v.len; ++i) {
      const int t = Term(v, i);
      if (!IsQuorum(CountServers(n, [&](int m) { return At(st, m).term >= t; }), n)) {
        return S(s) + " holds " + Entry(i, t) +
               " but no quorum is in a term >= " + std::to_string(t);
      }
    }
  }
  return std::nullopt;
}

Failure TermsMonotonic(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    for (int i = 1; i <= v.len; ++i) {
      for (int j = i; j <= v.len; ++j) {
        if (Term(v, i) > Term(v, j)) {
          return S(s) + " has " + Entry(i, Term(v, i)) + " before " + Entry(j, Term(v, j));
        }
      }
    }
  }
  return std::nullopt;
}

Failure UniformLogEntries(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    for (int i = 1; i <= v.len; ++i) {
      bool first_of_term = true;
      for (int j = 1; j < i; ++j) first_of_term = first_of_term && Term(v, j) != Term(v, i);
      if (!first_of_term) continue;
      for (int t = 0; t < n; ++t) {
        const Server& w = At(st, t);
        for (int k = 1; k <= w.len && k < i; ++k) {
          if (Term(w, k) == Term(v, i)) {
            return S(s) + "'s first entry of term " + std::to_string(Term(v, i)) + " is at " +
                   std::to_string(i) + " but " + S(t) + " has one at " + std::to_string(k);
          }
        }
      }
    }
  }
  return std::nullopt;
}

Failure QuorumsSafeAtTerms(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    if (v.primary &&
        !IsQuorum(CountServers(n, [&](int m) { return At(st, m).term >= v.term; }), n)) {
      return "primary " + S(s) + " of term " + std::to_string(v.term) +
             " but no quorum is in a term >= it";
    }
  }
  return std::nullopt;
}

Failure PrimaryTermGTELogTerm(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    const Server& v = At(st, s);
    for (int i = 1; v.primary && i <= v.len; ++i) {
      if (Term(v, i) > v.term) {
        return "primary " + S(s) + " of term " + std::to_string(v.term) + " holds " +
               Entry(i, Term(v, i));
      }
    }
  }
  return std::nullopt;
}

Failure LogMatching(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    for (int t = 0; t < n; ++t) {
      const Server& v = At(st, s);
      const Server& w = At(st, t);
      for (int i = 1; i <= v.len; ++i) {
        if (!InLog(w, i, Term(v, i))) continue;
        for (int k = 1; k < i; ++k) {
          if (Term(v, k) != Term(w, k)) {
            return S(s) + " and " + S(t) + " share " + Entry(i, Term(v, i)) +
                   " but differ at index " + std::to_string(k);
          }
        }
      }
    }
  }
  return std::nullopt;
}

Failure PrimaryHasOwnEntries(int n, const State& st) {
  for (int p = 0; p < n; ++p) {
    const Server& primary = At(st, p);
    if (!primary.primary) continue;
    for (int s = 0; s < n; ++s) {
      const Server& v = At(st, s);
      for (int k = 1; k <= v.len; ++k) {
        if (Term(v, k) == primary.term && !InLog(primary, k, primary.term)) {
          return S(s) + " holds " + Entry(k, primary.term) + " that primary " + S(p) +
                 " of that term lacks";
        }
      }
    }
  }
  return std::nullopt;
}

Failure OnePrimaryPerTerm(int n, const State& st) {
  for (int s = 0; s < n; ++s) {
    for (int t = s + 1; t < n; ++t) {
      if (At(st, s).primary && At(st, t).primary && At(st, s).term == At(st, t).term) {
        return S(s) + " and " + S(t) + " are both primary in term " +
               std::to_string(At(st, s).term);
      }
    }
  }
  return std::nullopt;
}

using LemmaFn = Failure (*)(int, const State&);
constexpr std::array<LemmaFn, kLemmaCount> kLemmaFns = {
    StateMachineSafety, CommittedEntryIsOnQuorum,  LaterLogsHaveEarlierCommitted,
    LeaderCompleteness, LogEntryImpliesSafeAtTerm, TermsMonotonic,
    UniformLogEntries,  QuorumsSafeAtTerms,        PrimaryTermGTELogTerm,
    LogMatching,        PrimaryHasOwnEntries,      OnePrimaryPerTerm,
};

}  // namespace

const std::array<LemmaInfo, kLemmaCount>& LemmaCatalog() {
  static const std::array<LemmaInfo, kLemmaCount> kCatalog = {{
      {Lemma::kStateMachineSafety, "StateMachineSafety",
       "two committed entries at the same index are the same entry"},
      {Lemma::kCommittedEntryIsOnQuorum, "CommittedEntryIsOnQuorum",
       "every committed entry is in the logs of a quorum"},
      {Lemma::kLaterLogsHaveEarlierCommitted, "LaterLogsHaveEarlierCommitted",
       "a log holding an entry of a term later than a committed entry's holds that entry"},
      {Lemma::kLeaderCompleteness, "LeaderCompleteness",
       "a primary holds every entry committed in an earlier term"},
      {Lemma::kLogEntryImpliesSafeAtTerm, "LogEntryImpliesSafeAtTerm",
       "an entry of term T anywhere implies a quorum of servers in terms >= T"},
      {Lemma::kTermsMonotonic, "TermsMonotonic", "terms never decrease along a log"},
      {Lemma::kUniformLogEntries, "UniformLogEntries",
       "no log has an entry of term T before the index of T's first entry in another log"},
      {Lemma::kQuorumsSafeAtTerms, "QuorumsSafeAtTerms",
       "a primary in term T implies a quorum of servers in terms >= T"},
      {Lemma::kPrimaryTermGTELogTerm, "PrimaryTermGTELogTerm",
       "a primary's term is at least every term in its log"},
      {Lemma::kLogMatching, "LogMatching",
       "two logs with an entry of equal index and term agree up to that index"},
      {Lemma::kPrimaryHasOwnEntries, "PrimaryHasOwnEntries",
       "every entry of a primary's term, in any log, is in the primary's log"},
      {Lemma::kOnePrimaryPerTerm, "OnePrimaryPerTerm", "no two primaries share a term"},
  }};
  return kCatalog;
}

std::string_view LemmaName(Lemma lemma) { return LemmaCatalog()[static_cast<int>(lemma)].name; }

std::optional<Lemma> LemmaFromName(std::string_view name) {
  for (const LemmaInfo& info : LemmaCatalog()) {
    if (info.name == name) return info.lemma;
  }
  return std::nullopt;
}

std::optional<std::string> CheckLemma(Lemma lemma, int servers, const State& s) {
  return kLemmaFns[static_cast<std::size_t>(lemma)](servers, s);
}

std::optional<LemmaFailure> FirstFailingLemma(int servers, const State& s) {
  for (int l = 0; l < kLemmaCount; ++l) {
    if (std::optional<std::string> m = CheckLemma(static_cast<Lemma>(l), servers, s)) {
      return LemmaFailure{static_cast<Lemma>(l), std::move(*m)};
    }
  }
  return std::nullopt;
}

}  // namespace model::abstract
