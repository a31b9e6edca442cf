// Spec conformance: every change of a node's term, vote, role, log and commit index must be
// one that raft.tla allows for the step taken (the Raft paper's Figure 2 rules, in the terms of
// Ongaro's specification). A node is judged only when it is up before and after the step;
// everything else a step must leave alone: only step.node may change.
//
// Where raft.tla and an etcd-style implementation legitimately differ, the rule admits both
// (each such place says so): e.g. raft.tla votes for itself by sending itself a RequestVote,
// etcd votes for itself as it campaigns; raft.tla removes one (the last) entry on a conflict,
// etcd truncates at the conflict and appends in one step.
#include <algorithm>
#include <string>

#include "properties/invariants.h"

namespace props {
namespace {

std::string Node(std::size_t pos) { return "node " + std::to_string(pos + 1); }
std::string Num(std::uint64_t v) { return std::to_string(v); }

// The step as node `a` lived it: a step on another node is, for a, no step at all.
StepKind KindFor(const Step& step, std::size_t a) {
  return step.kind != StepKind::kNetwork && step.node == a ? step.kind : StepKind::kNetwork;
}

const char* KindName(StepKind kind) {
  switch (kind) {
    case StepKind::kNetwork: return "a step that is not its own";
    case StepKind::kTimeout: return "a timeout";
    case StepKind::kTimeoutNow: return "a TimeoutNow";
    case StepKind::kDeliver: return "a message";
    case StepKind::kClientRequest: return "a client request";
    case StepKind::kRestart: return "a restart";
    case StepKind::kCrash: return "a crash";
    case StepKind::kTick: return "a tick";
    case StepKind::kInternal: return "an internal step";
  }
  return "?";
}

// The message node a received in this step, if it is of `kind`.
const MessageView* Received(const Step& step, std::size_t a, MessageKind kind) {
  if (KindFor(step, a) != StepKind::kDeliver || step.message.kind != kind) return nullptr;
  return &step.message;
}

// A timeout, or a TimeoutNow (leadership transfer) that fires the timer at once.
bool StartsElection(StepKind kind) {
  return kind == StepKind::kTimeout || kind == StepKind::kTimeoutNow;
}

// The term an election started by such a step runs at: one up, from the TimeoutNow's term if
// that is higher (the node first moves to it).
std::uint64_t ElectionTerm(StepKind kind, const NodeView& p, const Step& step) {
  return (kind == StepKind::kTimeoutNow ? std::max(p.term, step.message.term) : p.term) + 1;
}

std::uint64_t LastTerm(const std::vector<LogEntry>& log) {
  return log.empty() ? 0 : log.back().term;
}

// Raft §5.4.1: a log ending in (last_term, last_index) is at least as up-to-date as `log`.
bool AtLeastAsUpToDate(std::uint64_t last_term, std::uint64_t last_index,
                       const std::vector<LogEntry>& log) {
  return last_term > LastTerm(log) || (last_term == LastTerm(log) && last_index >= log.size());
}

// The append's consistency check: the log holds the entry before the message's entries.
bool PrevEntryMatches(const std::vector<LogEntry>& log, const MessageView& m) {
  return m.prev_index == 0 ||
         (log.size() >= m.prev_index && log[m.prev_index - 1].term == m.prev_term);
}

// Whether taking append m turns log `before` into `after`. "" if so, else why not. Admits
// raft.tla's one-change-at-a-time handling (append one entry, or remove the last entry on a
// conflict) and etcd's (truncate at the first conflict and append, in one step).
std::string CheckTakesAppend(const std::vector<LogEntry>& before, const MessageView& m,
                             const std::vector<LogEntry>& after) {
  const std::size_t p = m.prev_index;
  if (!PrevEntryMatches(before, m)) {
    return "without holding the entry before the append (index " + Num(p) + ", term " +
           Num(m.prev_term) + ")";
  }
  if (after.size() < p || !std::equal(before.begin(), before.begin() + p, after.begin())) {
    return "at or below the append's previous index " + Num(p);
  }
  // Beyond p, each entry is either kept (the one it had there) or taken from the message;
  // once one is taken in place of another, nothing old may follow.
  bool replaced = false;
  for (std::size_t q = p; q < after.size(); ++q) {
    if (!replaced && q < before.size() && after[q] == before[q]) continue;
    if (q - p >= m.entries.size() || !(after[q] == m.entries[q - p])) {
      return "at index " + Num(q + 1) + " with an entry that neither it nor the append had";
    }
    replaced = true;
  }
  if (after.size() < before.size()) {
    bool conflict = false;
    for (std::size_t q = p; q < before.size() && q - p < m.entries.size(); ++q) {
      conflict |= before[q].term != m.entries[q - p].term;
    }
    if (!conflict) return "dropping entries that do not conflict with the append";
  }
  return "";
}

}  // namespace

std::optional<Violation> CheckSpecTerm(const Observation& prev, const Step& step,
                                       const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up || n.term <= p.term) continue;  // going back is term-monotonic's
    const StepKind kind = KindFor(step, a);
    if (StartsElection(kind) && n.term == ElectionTerm(kind, p, step)) continue;
    // PreVote (Ongaro's thesis §9.6) splits raft.tla's Timeout in two: the term rises by one
    // when the pre-candidate wins its round, whatever the term of the response that decides it.
    const bool wins_pre_vote = p.role == NodeRole::kPreCandidate && n.term == p.term + 1 &&
                               (n.role == NodeRole::kCandidate || n.role == NodeRole::kLeader);
    if (wins_pre_vote) continue;
    if (kind == StepKind::kDeliver && n.term <= step.message.term) continue;  // UpdateTerm
    return Violation{std::string(kSpecTerm), Node(a) + "'s term rose from " + Num(p.term) +
                                                 " to " + Num(n.term) + " on " + KindName(kind)};
  }
  return std::nullopt;
}

std::optional<Violation> CheckSpecVote(const Observation& prev, const Step& step,
                                       const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up) continue;
    if (n.term == p.term && p.vote != 0 && n.vote != p.vote) {
      return Violation{std::string(kSpecVote), Node(a) + " changed its vote in term " +
                                                   Num(n.term) + " from node " + Num(p.vote) +
                                                   " to " + (n.vote ? "node " + Num(n.vote) : "none")};
    }
    const bool granted = n.vote != 0 && (n.term != p.term || n.vote != p.vote);
    if (!granted) continue;
    // etcd votes for itself as it starts an election (raft.tla asks itself: the rule below).
    const bool starts_election = n.vote == a + 1 && n.term > p.term &&
                                 (n.role == NodeRole::kCandidate || n.role == NodeRole::kLeader);
    if (starts_election) continue;
    const MessageView* m = Received(step, a, MessageKind::kVoteRequest);
    if (!m || m->from + 1 != n.vote) {
      return Violation{std::string(kSpecVote), Node(a) + " voted for node " + Num(n.vote) +
                                                   " in term " + Num(n.term) +
                                                   " without a vote request from it"};
    }
    if (m->term != n.term) {
      return Violation{std::string(kSpecVote),
                       Node(a) + " voted in term " + Num(n.term) + " on a request of term " +
                           Num(m->term)};
    }
    if (!AtLeastAsUpToDate(m->last_log_term, m->last_log_index, p.log)) {
      return Violation{std::string(kSpecVote),
                       Node(a) + " voted for node " + Num(n.vote) + " whose log (last term " +
                           Num(m->last_log_term) + ", index " + Num(m->last_log_index) +
                           ") is behind its own (last term " + Num(LastTerm(p.log)) +
                           ", index " + Num(p.log.size()) + ")"};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckSpecRole(const Observation& prev, const Step& step,
                                       const Observation& next) {
  static const char* const kRoleName[] = {"follower", "pre-candidate", "candidate", "leader"};
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up) continue;
    const StepKind kind = KindFor(step, a);
    bool ok = true;
    if (n.role == p.role) {
      ok = n.role != NodeRole::kLeader || n.term == p.term;
    } else {
      switch (n.role) {
        case NodeRole::kLeader:
          // A lone node wins the election its timeout starts, in the same step.
          ok = (p.role == NodeRole::kCandidate && p.term == n.term) ||
               (next.Majority() == 1 && kind == StepKind::kTimeout);
          break;
        case NodeRole::kCandidate:
          ok = (StartsElection(kind) && n.term == ElectionTerm(kind, p, step)) ||
               (p.role == NodeRole::kPreCandidate && n.term == p.term + 1);
          break;
        case NodeRole::kPreCandidate:
          ok = kind == StepKind::kTimeout && n.term == p.term;
          break;
        case NodeRole::kFollower:
          ok = n.term > p.term || kind == StepKind::kRestart || kind == StepKind::kTick ||
               p.role != NodeRole::kLeader;
          break;
      }
    }
    if (!ok) {
      return Violation{std::string(kSpecRole),
                       Node(a) + " went from " + kRoleName[static_cast<int>(p.role)] +
                           " of term " + Num(p.term) + " to " +
                           kRoleName[static_cast<int>(n.role)] + " of term " + Num(n.term) +
                           " on " + KindName(kind)};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckSpecLog(const Observation& prev, const Step& step,
                                      const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up || n.log == p.log) continue;
    std::string why;
    if (n.role == NodeRole::kLeader) {
      // A leader appends entries of its own term (client values; etcd's no-op on election).
      const bool extends = n.log.size() > p.log.size() &&
                           std::equal(p.log.begin(), p.log.end(), n.log.begin());
      bool own_term = true;
      for (std::size_t q = p.log.size(); extends && q < n.log.size(); ++q) {
        own_term &= n.log[q].term == n.term;
      }
      if (!extends) why = "as leader of term " + Num(n.term) + " other than by appending";
      if (extends && !own_term) why = "as leader of term " + Num(n.term) + " by appending "
                                      "an entry of another term";
    } else if (const MessageView* m = Received(step, a, MessageKind::kAppend)) {
      if (m->term != n.term) {
        why = "on an append of term " + Num(m->term) + " in term " + Num(n.term);
      } else {
        why = CheckTakesAppend(p.log, *m, n.log);
      }
    } else {
      why = std::string("on ") + KindName(KindFor(step, a));
    }
    if (!why.empty()) {
      return Violation{std::string(kSpecLog), Node(a) + "'s log changed (" +
                                                  Num(p.log.size()) + " to " +
                                                  Num(n.log.size()) + " entries) " + why};
    }
  }
  return std::nullopt;
}

std::optional<Violation> CheckSpecCommit(const Observation& prev, const Step& step,
                                         const Observation& next) {
  for (std::size_t a = 0; a < prev.nodes.size(); ++a) {
    const NodeView& p = prev.nodes[a];
    const NodeView& n = next.nodes[a];
    if (!p.up || !n.up || n.commit <= p.commit) continue;  // going back: commit-monotonic's
    const std::uint64_t c = n.commit;
    std::string why;
    if (n.role == NodeRole::kLeader) {
      if (n.log.size() < c || n.log[c - 1].term != n.term) {
        why = "as leader of term " + Num(n.term) + " to an entry of term " +
              (n.log.size() < c ? std::string("none") : Num(n.log[c - 1].term));
      } else {
        int holders = 0;
        for (const NodeView& x : next.nodes) {
          holders += x.log.size() >= c && x.log[c - 1] == n.log[c - 1];
        }
        if (holders < next.Majority()) {
          why = "as leader, to an entry held by only " + std::to_string(holders) + " of " +
                std::to_string(next.nodes.size()) + " nodes";
        }
      }
    } else {
      const MessageView* m = Received(step, a, MessageKind::kAppend);
      if (!m) m = Received(step, a, MessageKind::kHeartbeat);
      if (!m) {
        why = std::string("on ") + KindName(KindFor(step, a));
      } else if (m->term != n.term) {
        why = "on a message of term " + Num(m->term) + " in term " + Num(n.term);
      } else if (c > m->commit) {
        why = "beyond the leader's commit " + Num(m->commit);
      } else if (m->kind == MessageKind::kAppend &&
                 (!PrevEntryMatches(p.log, *m) || c > m->prev_index + m->entries.size())) {
        why = "beyond what the append verified (index " +
              Num(PrevEntryMatches(p.log, *m) ? m->prev_index + m->entries.size() : 0) + ")";
      } else if (m->from < next.nodes.size()) {
        // If the sender still leads that term, the committed prefix must be its log's.
        const NodeView& leader = next.nodes[m->from];
        if (leader.up && leader.role == NodeRole::kLeader && leader.term == m->term &&
            (n.log.size() < c || leader.log.size() < c ||
             !std::equal(n.log.begin(), n.log.begin() + c, leader.log.begin()))) {
          why = "to entries that differ from its leader's (node " + Num(m->from + 1) + ")";
        }
      }
    }
    if (!why.empty()) {
      return Violation{std::string(kSpecCommit), Node(a) + "'s commit rose from " +
                                                     Num(p.commit) + " to " + Num(c) + " " +
                                                     why};
    }
  }
  return std::nullopt;
}

}  // namespace props
