// The individual property checks behind properties.h, one function each, and their names.
// Most callers want CheckState/CheckStep from properties.h; tests call these directly.
#ifndef RAFTCHECK_PROPERTIES_INVARIANTS_H_
#define RAFTCHECK_PROPERTIES_INVARIANTS_H_

#include <optional>
#include <string_view>

#include "properties/properties.h"

namespace props {

inline constexpr std::string_view kElectionSafety = "election-safety";
inline constexpr std::string_view kLogMatching = "log-matching";
inline constexpr std::string_view kStateMachineSafety = "state-machine-safety";
inline constexpr std::string_view kLeaderCompleteness = "leader-completeness";
inline constexpr std::string_view kCommitBounds = "commit-bounds";
inline constexpr std::string_view kNextAboveMatch = "next-above-match";
inline constexpr std::string_view kCommittedDurable = "committed-durable-on-quorum";
inline constexpr std::string_view kTermMonotonic = "term-monotonic";
inline constexpr std::string_view kCommitMonotonic = "commit-monotonic";
inline constexpr std::string_view kMatchMonotonic = "match-monotonic";
inline constexpr std::string_view kSpecTerm = "spec-term";
inline constexpr std::string_view kSpecVote = "spec-vote";
inline constexpr std::string_view kSpecRole = "spec-role";
inline constexpr std::string_view kSpecLog = "spec-log";
inline constexpr std::string_view kSpecCommit = "spec-commit";
inline constexpr std::string_view kStateMachineMatchesLog = "state-machine-matches-log";
inline constexpr std::string_view kSnapshotMonotonic = "snapshot-monotonic";
inline constexpr std::string_view kAppliedMonotonic = "applied-monotonic";

// State invariants.
std::optional<Violation> CheckElectionSafety(const Observation& obs);
std::optional<Violation> CheckLogMatching(const Observation& obs);
std::optional<Violation> CheckStateMachineSafety(const Observation& obs);
std::optional<Violation> CheckLeaderCompleteness(const Observation& obs);
std::optional<Violation> CheckCommitBounds(const Observation& obs);
std::optional<Violation> CheckNextAboveMatch(const Observation& obs);
std::optional<Violation> CheckCommittedDurable(const Observation& obs);
std::optional<Violation> CheckStateMachineMatchesLog(const Observation& obs);

// Step properties.
std::optional<Violation> CheckTermMonotonic(const Observation& prev, const Observation& next);
std::optional<Violation> CheckCommitMonotonic(const Observation& prev, const Observation& next);
std::optional<Violation> CheckMatchMonotonic(const Observation& prev, const Observation& next);
std::optional<Violation> CheckSnapshotMonotonic(const Observation& prev, const Observation& next);
std::optional<Violation> CheckAppliedMonotonic(const Observation& prev, const Observation& next);

// Spec conformance (conformance.cc): each change of a node's state must be one that raft.tla
// allows for the step taken.
std::optional<Violation> CheckSpecTerm(const Observation& prev, const Step& step,
                                       const Observation& next);
std::optional<Violation> CheckSpecVote(const Observation& prev, const Step& step,
                                       const Observation& next);
std::optional<Violation> CheckSpecRole(const Observation& prev, const Step& step,
                                       const Observation& next);
std::optional<Violation> CheckSpecLog(const Observation& prev, const Step& step,
                                      const Observation& next);
std::optional<Violation> CheckSpecCommit(const Observation& prev, const Step& step,
                                         const Observation& next);

}  // namespace props

#endif  // RAFTCHECK_PROPERTIES_INVARIANTS_H_
