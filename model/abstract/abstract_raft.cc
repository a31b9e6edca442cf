#include "model/abstract/abstract_raft.h"

#include <bit>

namespace model::abstract {

const char* ActionKindName(ActionKind kind) {
  switch (kind) {
    case ActionKind::kClientRequest:
      return "ClientRequest";
    case ActionKind::kGetEntries:
      return "GetEntries";
    case ActionKind::kRollbackEntries:
      return "RollbackEntries";
    case ActionKind::kBecomeLeader:
      return "BecomeLeader";
    case ActionKind::kCommitEntry:
      return "CommitEntry";
    case ActionKind::kUpdateTerms:
      return "UpdateTerms";
  }
  return "?";
}

void AbstractRaft::InitialStates(std::vector<State>& out) const { out.push_back(State{}); }

bool AbstractRaft::CanVote(const State& s, int voter, int candidate, int term) const {
  const Server& v = s.servers[static_cast<std::size_t>(voter)];
  const Server& c = s.servers[static_cast<std::size_t>(candidate)];
  const bool log_ok = LastTerm(c) > LastTerm(v) || (LastTerm(c) == LastTerm(v) && c.len >= v.len);
  // The deviation: a voter that already reached `term` (it voted in it) votes again.
  const bool term_ok = config_.Has(AbstractBug::kDoubleVote) ? v.term <= term : v.term < term;
  return term_ok && log_ok;
}

bool AbstractRaft::CanGetEntries(const State& s, int i, int j) const {
  const Server& a = s.servers[static_cast<std::size_t>(i)];
  const Server& b = s.servers[static_cast<std::size_t>(j)];
  // The log consistency check: i's last entry is also at that index in j's log.
  return !a.primary && b.len > a.len && (a.len == 0 || b.log[a.len - 1u] == a.log[a.len - 1u]);
}

bool AbstractRaft::CanRollback(const State& s, int i, int j) const {
  const Server& a = s.servers[static_cast<std::size_t>(i)];
  const Server& b = s.servers[static_cast<std::size_t>(j)];
  return !a.primary && a.len > 0 && LastTerm(a) < LastTerm(b) &&
         (a.len > b.len || LastTerm(a) != LogTerm(b, a.len));
}

bool AbstractRaft::CanCommit(const State& s, int i) const {
  const Server& p = s.servers[static_cast<std::size_t>(i)];
  if (!p.primary || p.len == 0) return false;
  const int index = p.len;
  const int term = LastTerm(p);  // the entry committed: <<index, term>>
  if (term != p.term && !config_.Has(AbstractBug::kCommitOldTerm)) return false;
  if (s.Committed(index, term)) return false;
  // ImmediatelyCommitted: a quorum holds the entry and is in the primary's term.
  int holders = 0;
  for (int n = 0; n < config_.servers; ++n) {
    const Server& q = s.servers[static_cast<std::size_t>(n)];
    holders += InLog(q, index, term) && q.term == p.term;
  }
  return IsQuorum(holders, config_.servers);
}

void AbstractRaft::Actions(const State& s, std::vector<Action>& out) const {
  const int n = config_.servers;
  auto u8 = [](int v) { return static_cast<std::uint8_t>(v); };
  for (int i = 0; i < n; ++i) {
    if (s.servers[static_cast<std::size_t>(i)].primary) {
      out.push_back({ActionKind::kClientRequest, u8(i), 0, 0});
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i != j && CanGetEntries(s, i, j))
        out.push_back({ActionKind::kGetEntries, u8(i), u8(j), 0});
    }
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (i != j && CanRollback(s, i, j)) {
        out.push_back({ActionKind::kRollbackEntries, u8(i), u8(j), 0});
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    const int term = s.servers[static_cast<std::size_t>(i)].term + 1;
    unsigned can_vote = 0;  // the servers that may vote for i in `term`
    for (int v = 0; v < n; ++v) can_vote |= unsigned{CanVote(s, v, i, term)} << v;
    if ((can_vote >> i & 1U) == 0) continue;
    for (unsigned q = 1; q < (1U << n); ++q) {
      if ((q >> i & 1U) != 0 && (q & ~can_vote) == 0 && IsQuorum(std::popcount(q), n)) {
        out.push_back({ActionKind::kBecomeLeader, u8(i), 0, u8(static_cast<int>(q))});
      }
    }
  }
  for (int i = 0; i < n; ++i) {
    if (CanCommit(s, i)) out.push_back({ActionKind::kCommitEntry, u8(i), 0, 0});
  }
  for (int i = 0; i < n; ++i) {
    for (int j = 0; j < n; ++j) {
      if (s.servers[static_cast<std::size_t>(i)].term >
          s.servers[static_cast<std::size_t>(j)].term) {
        out.push_back({ActionKind::kUpdateTerms, u8(i), u8(j), 0});
      }
    }
  }
}

void AbstractRaft::Apply(State& s, const Action& a) const {
  Server& me = s.servers[a.node];
  switch (a.kind) {
    case ActionKind::kClientRequest:
      me.log[me.len++] = me.term;
      return;
    case ActionKind::kGetEntries:
      me.log[me.len] = s.servers[a.peer].log[me.len];
      ++me.len;
      return;
    case ActionKind::kRollbackEntries:
      me.log[--me.len] = 0;  // layout invariant 2
      return;
    case ActionKind::kBecomeLeader: {
      const auto term = static_cast<std::uint8_t>(me.term + 1);
      for (int v = 0; v < config_.servers; ++v) {
        if ((a.quorum >> v & 1U) == 0) continue;
        s.servers[static_cast<std::size_t>(v)].term = term;
        s.servers[static_cast<std::size_t>(v)].primary = v == a.node;
      }
      return;
    }
    case ActionKind::kCommitEntry:
      s.Commit(me.len, LastTerm(me));
      return;
    case ActionKind::kUpdateTerms:
      s.servers[a.peer].term = me.term;
      s.servers[a.peer].primary = false;
      return;
  }
}

void AbstractRaft::Encode(const State& s, std::string& out) const {
  for (int i = 0; i < config_.servers; ++i) {
    const Server& v = s.servers[static_cast<std::size_t>(i)];
    out.push_back(static_cast<char>(v.term));
    out.push_back(static_cast<char>(v.primary));
    out.push_back(static_cast<char>(v.len));
    out.append(reinterpret_cast<const char*>(v.log.data()), v.len);
  }
  for (const std::uint16_t row : s.committed) {
    out.push_back(static_cast<char>(row & 0xff));
    out.push_back(static_cast<char>(row >> 8));
  }
}

bool AbstractRaft::InBounds(const State& s) const {
  for (int i = 0; i < config_.servers; ++i) {
    const Server& v = s.servers[static_cast<std::size_t>(i)];
    if (v.term > config_.max_term || v.len > config_.max_log) return false;
  }
  return true;
}

namespace {

std::string ServerName(int s) { return "s" + std::to_string(s + 1); }

}  // namespace

std::string AbstractRaft::Describe(const Action& a) const {
  std::string out = std::string(ActionKindName(a.kind)) + "(" + ServerName(a.node);
  switch (a.kind) {
    case ActionKind::kGetEntries:
    case ActionKind::kRollbackEntries:
    case ActionKind::kUpdateTerms:
      out += ", " + ServerName(a.peer);
      break;
    case ActionKind::kBecomeLeader: {
      out += ", {";
      const char* sep = "";
      for (int v = 0; v < config_.servers; ++v) {
        if ((a.quorum >> v & 1U) == 0) continue;
        out += sep + ServerName(v);
        sep = ",";
      }
      out += "}";
      break;
    }
    default:
      break;
  }
  return out + ")";
}

std::string AbstractRaft::DescribeState(const State& s) const {
  std::string out;
  for (int i = 0; i < config_.servers; ++i) {
    const Server& v = s.servers[static_cast<std::size_t>(i)];
    if (i > 0) out += " | ";
    out += ServerName(i) + (v.primary ? " P" : " S") + " t" + std::to_string(v.term) + " [";
    for (int k = 0; k < v.len; ++k)
      out += (k ? "," : "") + std::to_string(v.log[static_cast<std::size_t>(k)]);
    out += "]";
  }
  out += " | committed {";
  const char* sep = "";
  for (int k = 1; k <= kLogCapacity; ++k) {
    for (int t = 0; t < 16; ++t) {
      if (s.Committed(k, t)) {
        out += sep + std::string("<<") + std::to_string(k) + "," + std::to_string(t) + ">>";
        sep = ",";
      }
    }
  }
  return out + "}";
}

}  // namespace model::abstract
