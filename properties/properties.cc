#include "properties/properties.h"

#include "properties/invariants.h"

namespace props {
namespace {

using StateCheck = std::optional<Violation> (*)(const Observation&);
using StepCheck = std::optional<Violation> (*)(const Observation&, const Observation&);

// Cheapest and most basic first: the first violation reported is the one a reader should see.
constexpr StateCheck kStateChecks[] = {
    CheckElectionSafety,     CheckLogMatching,    CheckStateMachineSafety, CheckLeaderCompleteness,
    CheckCommittedDurable,   CheckCommitBounds,   CheckNextAboveMatch,
};
constexpr StepCheck kStepChecks[] = {CheckTermMonotonic, CheckCommitMonotonic, CheckMatchMonotonic};

}  // namespace

const std::vector<PropertyInfo>& Catalog() {
  static const std::vector<PropertyInfo> kCatalog = {
      {kElectionSafety, PropertyKind::kState, "at most one leader per term, ever"},
      {kLogMatching, PropertyKind::kState,
       "two logs with an entry of the same index and term agree on all entries up to it"},
      {kStateMachineSafety, PropertyKind::kState,
       "no two nodes apply or commit different entries at the same index"},
      {kLeaderCompleteness, PropertyKind::kState,
       "an entry committed in term T is in the log of every leader of a later term"},
      {kCommittedDurable, PropertyKind::kState, "a committed entry is durable on a quorum"},
      {kCommitBounds, PropertyKind::kState, "applied <= commit <= last index"},
      {kNextAboveMatch, PropertyKind::kState, "a leader's next index exceeds the match index"},
      {kTermMonotonic, PropertyKind::kStep, "a node's term never goes back"},
      {kCommitMonotonic, PropertyKind::kStep, "a node's commit index never goes back"},
      {kMatchMonotonic, PropertyKind::kStep,
       "a leader's match index for a follower never goes back within its term"},
  };
  return kCatalog;
}

std::optional<Violation> CheckState(const Observation& obs) {
  for (StateCheck check : kStateChecks) {
    if (auto v = check(obs)) return v;
  }
  return std::nullopt;
}

std::optional<Violation> CheckStep(const Observation& prev, const Observation& next) {
  for (StepCheck check : kStepChecks) {
    if (auto v = check(prev, next)) return v;
  }
  return std::nullopt;
}

}  // namespace props
