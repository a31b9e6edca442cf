// State invariants (Raft paper Figure 3, plus cheap checks that caught real bugs in SandTable).
#include <algorithm>
#include <string>

#include "properties/invariants.h"

namespace props {
namespace {

std::string Node(std::size_t pos) { return "node " + std::to_string(pos + 1); }
std::string Num(std::uint64_t v) { return std::to_string(v); }
std::string Show(const LogEntry& e) {
  return "t" + Num(e.term) + ":" + (e.value == 0 ? std::string("noop") : ValueText(e.value));
}

}  // namespace

std::optional<Violation> CheckElectionSafety(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    if (!x.up || x.role != NodeRole::kLeader) continue;
    for (std::size_t b = a + 1; b < obs.nodes.size(); ++b) {
      const NodeView& y = obs.nodes[b];
      if (y.up && y.role == NodeRole::kLeader && y.term == x.term) {
        return Violation{std::string(kElectionSafety),
                         Node(a) + " and " + Node(b) + " are both leaders of term " + Num(x.term)};
      }
    }
  }
  for (std::size_t k = 1; k < obs.leaders.size(); ++k) {
    if (obs.leaders[k].term == obs.leaders[k - 1].term) {
      return Violation{std::string(kElectionSafety),
                       Node(obs.leaders[k - 1].node) + " and " + Node(obs.leaders[k].node) +
                           " were both leaders of term " + Num(obs.leaders[k].term)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckLogMatching(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    if (!obs.nodes[a].up) continue;
    const std::vector<LogEntry>& x = obs.nodes[a].log;
    for (std::size_t b = a + 1; b < obs.nodes.size(); ++b) {
      if (!obs.nodes[b].up) continue;
      const std::vector<LogEntry>& y = obs.nodes[b].log;
      // The highest index where both hold an entry of the same term: everything up to it must
      // be identical (checking that one prefix covers every lower index with equal terms).
      std::size_t k = std::min(x.size(), y.size());
      while (k > 0 && x[k - 1].term != y[k - 1].term) --k;
      for (std::size_t i = 0; i < k; ++i) {
        if (!(x[i] == y[i])) {
          return Violation{std::string(kLogMatching),
                           Node(a) + " and " + Node(b) + " both hold term " +
                               Num(x[k - 1].term) + " at index " + Num(k) +
                               " but differ at index " + Num(i + 1) + " (" + Show(x[i]) + " vs " +
                               Show(y[i]) + ")"};
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckStateMachineSafety(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const std::vector<LogEntry>& x = obs.nodes[a].applied;
    for (std::size_t b = a + 1; b < obs.nodes.size(); ++b) {
      const std::vector<LogEntry>& y = obs.nodes[b].applied;
      const std::size_t n = std::min(x.size(), y.size());
      for (std::size_t i = 0; i < n; ++i) {
        if (!(x[i] == y[i])) {
          return Violation{std::string(kStateMachineSafety),
                           Node(a) + " applied " + Show(x[i]) + " at index " + Num(i + 1) +
                               " but " + Node(b) + " applied " + Show(y[i])};
        }
      }
    }
  }
  // State-only form (for systems without applied entries or history, like the model): the
  // committed prefixes of any two up nodes agree.
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    if (!x.up) continue;
    for (std::size_t b = a + 1; b < obs.nodes.size(); ++b) {
      const NodeView& y = obs.nodes[b];
      if (!y.up) continue;
      const std::size_t n = std::min<std::size_t>(
          {x.commit, y.commit, x.log.size(), y.log.size()});
      for (std::size_t i = 0; i < n; ++i) {
        if (!(x.log[i] == y.log[i])) {
          return Violation{std::string(kStateMachineSafety),
                           Node(a) + " committed " + Show(x.log[i]) + " at index " +
                               Num(i + 1) + " but " + Node(b) + " committed " + Show(y.log[i])};
        }
      }
    }
  }
  // With history: every node's committed prefix is what was first known committed there.
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    if (!x.up) continue;
    const std::size_t n = std::min<std::size_t>({x.commit, x.log.size(), obs.committed.size()});
    for (std::size_t i = 0; i < n; ++i) {
      if (!(x.log[i] == obs.committed[i].entry)) {
        return Violation{std::string(kStateMachineSafety),
                         Node(a) + " has committed " + Show(x.log[i]) + " at index " +
                             Num(i + 1) + " where " + Show(obs.committed[i].entry) +
                             " was committed before"};
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckLeaderCompleteness(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& l = obs.nodes[a];
    if (!l.up || l.role != NodeRole::kLeader) continue;
    for (const CommitRecord& c : obs.committed) {
      if (l.term <= c.term) continue;
      if (l.log.size() < c.index || !(l.log[c.index - 1] == c.entry)) {
        return Violation{std::string(kLeaderCompleteness),
                         Node(a) + " leads term " + Num(l.term) + " without " + Show(c.entry) +
                             " at index " + Num(c.index) + ", committed in term " + Num(c.term)};
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckStateMachineMatchesLog(const Observation& obs) {
  // What a state machine holds is the applied prefix of its node's log (a snapshot included:
  // the log shows the entries it covers), or it skipped or invented an entry.
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    const std::size_t n = std::min(x.applied.size(), x.log.size());
    for (std::size_t i = 0; i < n; ++i) {
      if (!(x.applied[i] == x.log[i])) {
        return Violation{std::string(kStateMachineMatchesLog),
                         Node(a) + " applied " + Show(x.applied[i]) + " at index " + Num(i + 1) +
                             " but its log holds " + Show(x.log[i]) + " there"};
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckCommitBounds(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    if (!x.up) continue;
    if (x.commit > x.log.size()) {
      return Violation{std::string(kCommitBounds), Node(a) + " has commit " + Num(x.commit) +
                                                       " beyond its last index " +
                                                       Num(x.log.size())};
    }
    if (x.applied.size() > x.commit) {
      return Violation{std::string(kCommitBounds), Node(a) + " applied " +
                                                       Num(x.applied.size()) +
                                                       " entries but has commit " + Num(x.commit)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckNextAboveMatch(const Observation& obs) {
  for (std::size_t a = 0; a < obs.nodes.size(); ++a) {
    const NodeView& x = obs.nodes[a];
    if (!x.up) continue;
    for (std::size_t p = 0; p < x.match.size() && p < x.next.size(); ++p) {
      if (x.next[p] <= x.match[p]) {
        return Violation{std::string(kNextAboveMatch),
                         "leader " + Node(a) + " has next " + Num(x.next[p]) + " <= match " +
                             Num(x.match[p]) + " for " + Node(p)};
      }
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckCommittedDurable(const Observation& obs) {
  if (obs.nodes.empty() || !obs.nodes[0].has_durable) return std::nullopt;
  for (const CommitRecord& c : obs.committed) {
    int holders = 0;
    for (const NodeView& x : obs.nodes) {
      holders += x.durable_log.size() >= c.index && x.durable_log[c.index - 1] == c.entry;
    }
    if (holders < obs.Majority()) {
      return Violation{std::string(kCommittedDurable),
                       "committed " + Show(c.entry) + " at index " + Num(c.index) +
                           " is durable on only " + std::to_string(holders) + " of " +
                           std::to_string(obs.nodes.size()) + " nodes"};
    }
  }
  return std::nullopt;
}

}  // namespace props
