// ClusterWorld: what the properties see of a state, and the ghost history they need.
#include <algorithm>

#include "checker/world/cluster_world.h"
#include "checker/world/node_log.h"
#include "impl/inspect.h"

namespace raftcheck {
namespace {

props::NodeRole ToNodeRole(raft::Role role) {
  switch (role) {
    case raft::Role::kFollower: return props::NodeRole::kFollower;
    case raft::Role::kPreCandidate: return props::NodeRole::kPreCandidate;
    case raft::Role::kCandidate: return props::NodeRole::kCandidate;
    case raft::Role::kLeader: return props::NodeRole::kLeader;
  }
  return props::NodeRole::kFollower;
}

props::LogEntry ToLogEntry(const raft::Entry& e) {
  return {e.term, ClusterWorld::ValueOf(e.data)};
}

void ToLog(const std::vector<raft::Entry>& in, std::vector<props::LogEntry>* out) {
  out->clear();
  for (const raft::Entry& e : in) out->push_back(ToLogEntry(e));
}

}  // namespace

void ClusterWorld::ViewHost(const raft::NodeHost& h, props::NodeView* v) {
  v->has_durable = true;
  v->durable_term = h.storage().hard_state().term;
  v->durable_log.clear();
  ForEachDurableLogEntry(h,
                         [&](const raft::Entry& e) { v->durable_log.push_back(ToLogEntry(e)); });
  ToLog(h.applied(), &v->applied);
  v->snapshot_index = h.storage().snapshot().metadata.index;
  v->up = h.up();
  v->match.clear();
  v->next.clear();
  if (!v->up) {
    v->term = v->durable_term;
    v->vote = h.storage().hard_state().vote;
    v->role = props::NodeRole::kFollower;
    v->commit = h.storage().hard_state().commit;
    v->log = v->durable_log;
    return;
  }
  const raft::Raft& r = h.node().raft();
  v->term = r.term();
  v->vote = r.vote();
  v->role = ToNodeRole(r.role());
  v->commit = r.log().committed();
  v->log.clear();
  ForEachLogEntry(h, [&](const raft::Entry& e) { v->log.push_back(ToLogEntry(e)); });
  if (r.role() == raft::Role::kLeader) {
    for (const raft::Progress& p : raft::Inspector::ProgressByPosition(r)) {
      v->match.push_back(p.match);
      v->next.push_back(p.next);
    }
  }
}

HostScalars ClusterWorld::ScalarsOf(const raft::NodeHost& h) {
  HostScalars c;
  c.up = h.up();
  c.durable_term = h.storage().hard_state().term;
  if (!c.up) {
    c.term = c.durable_term;
    c.vote = h.storage().hard_state().vote;
    c.commit = h.storage().hard_state().commit;
    return c;
  }
  const raft::Raft& r = h.node().raft();
  c.term = r.term();
  c.vote = r.vote();
  c.role = ToNodeRole(r.role());
  c.commit = r.log().committed();
  if (r.role() == raft::Role::kLeader) {
    for (const raft::Progress& p : raft::Inspector::ProgressByPosition(r)) {
      c.match[c.peers] = p.match;
      c.next[c.peers] = p.next;
      ++c.peers;
    }
  }
  return c;
}

void ClusterWorld::Observe(const State& s, props::Observation* obs, bool scalars_only) const {
  obs->nodes.resize(s.cells.size());
  for (int i = 0; i < s.size(); ++i) {
    props::NodeView& v = obs->nodes[i];
    if (!scalars_only) {
      ViewHost(s.host(i), &v);
      continue;
    }
    const HostScalars& c = s.cells[i]->scalars;
    v.up = c.up;
    v.term = c.term;
    v.vote = c.vote;
    v.role = c.role;
    v.commit = c.commit;
    v.has_durable = true;
    v.durable_term = c.durable_term;
    v.match.assign(c.match.begin(), c.match.begin() + c.peers);
    v.next.assign(c.next.begin(), c.next.begin() + c.peers);
    v.log.clear();
    v.applied.clear();
    v.durable_log.clear();
  }
  obs->has_history = !scalars_only;
  if (scalars_only) {
    obs->leaders.clear();
    obs->committed.clear();
  } else {
    obs->leaders = s.leaders;
    obs->committed = s.committed;
  }
}

void ClusterWorld::RecordHistory(State& s, int i) const {
  const raft::NodeHost& h = s.host(i);
  if (!h.up()) return;
  const raft::Raft& r = h.node().raft();
  if (r.role() == raft::Role::kLeader) {
    const props::LeaderRecord rec{r.term(), static_cast<std::uint32_t>(i)};
    auto at = std::lower_bound(s.leaders.begin(), s.leaders.end(), rec);
    if (at == s.leaders.end() || !(*at == rec)) s.leaders.insert(at, rec);
  }
  const raft::Index commit = r.log().committed();
  raft::Index index = 0;
  ForEachLogEntry(h, [&](const raft::Entry& e) {
    if (++index > commit) return;
    if (index > s.committed.size()) {
      s.committed.push_back({index, ToLogEntry(e), r.term()});
    } else {
      props::CommitRecord& rec = s.committed[index - 1];
      // The first entry known committed at an index stays; a different one later is what
      // state-machine safety reports. The term is the earliest evidence of commitment.
      if (rec.entry == ToLogEntry(e)) rec.term = std::min(rec.term, r.term());
    }
  });
}

}  // namespace raftcheck
