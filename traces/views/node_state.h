// The two pieces of per-node logic every view shares: a node's observed state as JSON, and what
// changed in a node between two observations, as compact text. System-independent: they read
// only a props::NodeView.
#ifndef RAFTCHECK_TRACES_VIEWS_NODE_STATE_H_
#define RAFTCHECK_TRACES_VIEWS_NODE_STATE_H_

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/observation.h"

namespace traces::views {

// "t2" for a leader's no-op entry (value 0), "t2:v1" for an entry carrying client value 1.
std::string FormatEntry(const props::LogEntry& e);
// "[t1 t2:v1]": the entries of `log` from position `from` on.
std::string FormatEntries(const std::vector<props::LogEntry>& log, std::size_t from = 0);

// One changed field of one node.
struct FieldChange {
  // "up", "term", "vote", "role", "log", "commit", "snapshot", "applied", "durable-term",
  // "durable-log" or "match" (a leader's match index for each node).
  std::string field;
  // Compact and readable: "term 1→2", "role follower→candidate", "log -[t1:v1] +[t2]",
  // "match n2 0→1", "down", "up".
  std::string text;
};

// The fields of `after` that differ from `before`, in the order listed above.
//  - A node that goes down reports "down" and what it lost (term, vote, log, commit as the
//    durable store has them); not its role or match, which a down node does not have.
//  - The durable fields are reported only where they do not move together with the volatile
//    ones (an entry appended but not yet persisted, a vote persisted late), to keep it short.
//  - A leader's match is reported per node, and only while it stays leader (becoming or
//    ceasing to be leader is the role change).
std::vector<FieldChange> DiffNodeViews(const props::NodeView& before, const props::NodeView& after);

// "term 1→2, role follower→candidate".
std::string JoinChanges(const std::vector<FieldChange>& changes);

// The node's state as the JSON and HTML views show it, with `id` its 1-based node id:
//   {"id", "up", "role", "term", "vote", "commit", "log": [{"term", "value"}], "applied",
//    "snapshot" (its index, when there is one), "durable": {"term", "log"} (systems that keep
//    one), "match", "next" (leaders)}
nlohmann::ordered_json NodeStateJson(const props::NodeView& v, int id);

}  // namespace traces::views

#endif  // RAFTCHECK_TRACES_VIEWS_NODE_STATE_H_
