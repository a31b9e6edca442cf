#include "properties/properties.h"

#include "properties/invariants.h"

namespace props {
namespace {

using StateCheck = std::optional<Violation> (*)(const Observation&);
using DeltaCheck = std::optional<Violation> (*)(const Observation&, const Observation&);
using ConformanceCheck = std::optional<Violation> (*)(const Observation&, const Step&,
                                                      const Observation&);

// One row per property: its catalog entry and its check (exactly one of the three is set).
struct Row {
  PropertyInfo info;
  StateCheck state = nullptr;
  DeltaCheck delta = nullptr;  // a step property that needs no step description
  ConformanceCheck conformance = nullptr;
};

constexpr bool kImplOnly = true;

// Cheapest and most basic first within each kind: the first violation reported is the one a
// reader should see.
const std::vector<Row>& Rows() {
  static const std::vector<Row> kRows = {
      {{kElectionSafety, PropertyKind::kState, "at most one leader per term, ever"},
       CheckElectionSafety},
      {{kLogMatching, PropertyKind::kState,
        "two logs with an entry of the same index and term agree on all entries up to it"},
       CheckLogMatching},
      {{kStateMachineSafety, PropertyKind::kState,
        "no two nodes apply or commit different entries at the same index"},
       CheckStateMachineSafety},
      {{kLeaderCompleteness, PropertyKind::kState,
        "an entry committed in term T is in the log of every leader of a later term"},
       CheckLeaderCompleteness},
      {{kCommittedDurable, PropertyKind::kState, "a committed entry is durable on a quorum"},
       CheckCommittedDurable},
      {{kCommitBounds, PropertyKind::kState, "applied <= commit <= last index"},
       CheckCommitBounds},
      {{kStateMachineMatchesLog, PropertyKind::kState,
        "a node's state machine holds the applied prefix of its log (snapshot included)",
        kImplOnly},
       CheckStateMachineMatchesLog},
      {{kNextAboveMatch, PropertyKind::kState, "a leader's next index exceeds the match index",
        kImplOnly},
       CheckNextAboveMatch},
      {{kTermMonotonic, PropertyKind::kStep, "a node's term never goes back"}, nullptr,
       CheckTermMonotonic},
      {{kCommitMonotonic, PropertyKind::kStep, "a node's commit index never goes back",
        kImplOnly},
       nullptr, CheckCommitMonotonic},
      {{kMatchMonotonic, PropertyKind::kStep,
        "a leader's match index for a follower never goes back within its term", kImplOnly},
       nullptr, CheckMatchMonotonic},
      {{kSnapshotMonotonic, PropertyKind::kStep,
        "a node's snapshot index never goes back, crashes included", kImplOnly},
       nullptr, CheckSnapshotMonotonic},
      {{kAppliedMonotonic, PropertyKind::kStep,
        "a node's applied index never goes back while it is up", kImplOnly},
       nullptr, CheckAppliedMonotonic},
      {{kSpecTerm, PropertyKind::kStep,
        "a term rises only by one on a timeout, or to at most the term of a message received"},
       nullptr, nullptr, CheckSpecTerm},
      {{kSpecVote, PropertyKind::kStep,
        "a vote is given once per term, in the current term, to a candidate that asked and "
        "whose log is at least as up-to-date (or to itself as it starts an election)"},
       nullptr, nullptr, CheckSpecVote},
      {{kSpecRole, PropertyKind::kStep,
        "candidate only by a timeout into the next term, leader only from candidate in its "
        "term, a leader steps down only to a higher term or on restart"},
       nullptr, nullptr, CheckSpecRole},
      {{kSpecLog, PropertyKind::kStep,
        "a leader only appends entries of its term; any other log changes only by taking a "
        "current-term append whose previous entry matches, dropping entries only on a "
        "conflict"},
       nullptr, nullptr, CheckSpecLog},
      {{kSpecCommit, PropertyKind::kStep,
        "commit rises only at a leader, to an entry of its term held by a quorum, or at a "
        "follower, to at most what a current-term append verified and the leader committed"},
       nullptr, nullptr, CheckSpecCommit},
  };
  return kRows;
}

bool Applies(const Row& row, Promise promise) {
  return !row.info.implementation_only || promise == Promise::kImplementation;
}

}  // namespace

const std::vector<PropertyInfo>& Catalog() {
  static const std::vector<PropertyInfo> kCatalog = [] {
    std::vector<PropertyInfo> out;
    for (const Row& row : Rows()) out.push_back(row.info);
    return out;
  }();
  return kCatalog;
}

std::optional<Violation> CheckState(const Observation& obs, Promise promise) {
  for (const Row& row : Rows()) {
    if (!row.state || !Applies(row, promise)) continue;
    if (auto v = row.state(obs)) return v;
  }
  return std::nullopt;
}

std::optional<Violation> CheckStep(const Observation& prev, const Step& step,
                                   const Observation& next, Promise promise) {
  for (const Row& row : Rows()) {
    if (!Applies(row, promise)) continue;
    if (row.delta) {
      if (auto v = row.delta(prev, next)) return v;
    } else if (row.conformance) {
      if (auto v = row.conformance(prev, step, next)) return v;
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckStep(const Observation& prev, const Observation& next) {
  for (const Row& row : Rows()) {
    if (!row.delta) continue;
    if (auto v = row.delta(prev, next)) return v;
  }
  return std::nullopt;
}

}  // namespace props
