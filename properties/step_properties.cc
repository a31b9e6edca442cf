// Step ("delta") properties: what may never go backwards between two consecutive states. Only
// nodes that are up in both states are compared: a crash legitimately loses volatile state.
#include <string>

#include "properties/invariants.h"

namespace props {
namespace {
std::string Node(std::size_t pos) { return "node " + std::to_string(pos + 1); }
std::string Num(std::uint64_t v) { return std::to_string(v); }
}  // namespace

std::optional<Violation> CheckTermMonotonic(const Observation& prev, const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (p.up && n.up && n.term < p.term) {
      return Violation{std::string(kTermMonotonic),
                       Node(a) + "'s term went back from " + Num(p.term) + " to " + Num(n.term)};
    }
    if (p.has_durable && n.durable_term < p.durable_term) {
      return Violation{std::string(kTermMonotonic), Node(a) + "'s durable term went back from " +
                                                        Num(p.durable_term) + " to " +
                                                        Num(n.durable_term)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckCommitMonotonic(const Observation& prev, const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (p.up && n.up && n.commit < p.commit) {
      return Violation{std::string(kCommitMonotonic), Node(a) + "'s commit went back from " +
                                                          Num(p.commit) + " to " + Num(n.commit)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckMatchMonotonic(const Observation& prev, const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up || p.role != NodeRole::kLeader || n.role != NodeRole::kLeader ||
        p.term != n.term) {
      continue;
    }
    for (std::size_t f = 0; f < p.match.size() && f < n.match.size(); ++f) {
      if (n.match[f] < p.match[f]) {
        return Violation{std::string(kMatchMonotonic),
                         "leader " + Node(a) + "'s match for " + Node(f) + " went back from " +
                             Num(p.match[f]) + " to " + Num(n.match[f]) + " in term " +
                             Num(n.term)};
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckSnapshotMonotonic(const Observation& prev, const Observation& next) {
  // The snapshot is durable state: it may not go back even across a crash and a restart.
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (n.snapshot_index < p.snapshot_index) {
      return Violation{std::string(kSnapshotMonotonic),
                       Node(a) + "'s snapshot went back from index " + Num(p.snapshot_index) +
                           " to " + Num(n.snapshot_index)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckAppliedMonotonic(const Observation& prev, const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (p.up && n.up && n.applied.size() < p.applied.size()) {
      return Violation{std::string(kAppliedMonotonic),
                       Node(a) + "'s applied index went back from " + Num(p.applied.size()) +
                           " to " + Num(n.applied.size())};
    }
  }
  return std::nullopt;
}

}  // namespace props
