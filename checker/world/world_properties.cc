#include "checker/world/world_properties.h"

#include <algorithm>
#include <memory>
#include <vector>

#include "checker/world/disk_crash.h"
#include "checker/world/node_log.h"
#include "properties/linearizable/checker.h"
#include "properties/properties.h"

namespace raftcheck {
namespace {

std::optional<engine::Violation> Convert(std::optional<props::Violation> v) {
  if (!v) return std::nullopt;
  return engine::Violation{std::move(v->property), std::move(v->message)};
}

// Observations for the step checks, one per thread, re-viewing only the nodes whose cell
// changed since the last call: the engine checks every successor of one state in a row, and a
// successor differs from it in one node. The cache holds references to the cells it viewed, so
// a cell it compares against can never be freed and its address reused.
class ViewCache {
 public:
  const props::Observation& Update(const ClusterWorld& world, const WorldState& s) {
    obs_.nodes.resize(s.cells.size());
    cells_.resize(s.cells.size());
    for (int i = 0; i < s.size(); ++i) {
      if (cells_[i] == s.cells[i]) continue;
      world.ObserveNode(s, i, &obs_.nodes[i]);
      cells_[i] = s.cells[i];
    }
    return obs_;
  }

 private:
  std::vector<std::shared_ptr<HostCell>> cells_;
  props::Observation obs_;  // no history: step properties read none
};

void ViewMessage(const raft::Message& m, props::MessageView* out) {
  out->from = static_cast<std::uint32_t>(m.from - 1);
  out->term = m.term;
  out->entries.clear();
  switch (m.type) {
    case raft::MessageType::kVote:
      out->kind = props::MessageKind::kVoteRequest;
      out->last_log_index = m.index;
      out->last_log_term = m.log_term;
      break;
    case raft::MessageType::kApp:
      out->kind = props::MessageKind::kAppend;
      out->prev_index = m.index;
      out->prev_term = m.log_term;
      for (const raft::Entry& e : m.entries) {
        out->entries.push_back({e.term, ClusterWorld::ValueOf(e.data)});
      }
      out->commit = m.commit;
      break;
    case raft::MessageType::kHeartbeat:
      out->kind = props::MessageKind::kHeartbeat;
      out->commit = m.commit;
      break;
    case raft::MessageType::kSnap: {
      // A snapshot is the leader's committed log up to its index, sent whole: to the spec, an
      // append from the start of the log whose entries are all committed.
      out->kind = props::MessageKind::kAppend;
      out->prev_index = 0;
      out->prev_term = 0;
      ForEachSnapshotEntry(m.snapshot, m.snapshot.metadata.index, [&](const raft::Entry& e) {
        out->entries.push_back({e.term, ClusterWorld::ValueOf(e.data)});
      });
      out->commit = m.snapshot.metadata.index;
      break;
    }
    default:
      out->kind = props::MessageKind::kOther;
      break;
  }
}

// What action a, taken in state s, is in the properties' terms.
void DescribeStep(const WorldState& s, const WorldAction& a, props::Step* step) {
  step->node = a.node;
  switch (a.kind) {
    case ActionKind::kDeliver:
      if (!s.host(a.node).up()) {
        step->kind = props::StepKind::kNetwork;  // lost on the way to a crashed node
        return;
      }
      step->kind = props::StepKind::kDeliver;
      ViewMessage(s.network.at(a.msg), &step->message);
      if (s.network.at(a.msg).type == raft::MessageType::kTimeoutNow) {
        // Leadership transfer: the message fires the receiver's election timer.
        step->kind = props::StepKind::kTimeoutNow;
      }
      return;
    case ActionKind::kDrop:
      if (s.network.at(a.msg).type == raft::MessageType::kSnap &&
          s.host(static_cast<int>(s.network.at(a.msg).from) - 1).up()) {
        // The sender hears of the lost snapshot (ClusterWorld::Apply): its own step.
        step->kind = props::StepKind::kInternal;
        step->node = static_cast<std::uint32_t>(s.network.at(a.msg).from - 1);
        return;
      }
      step->kind = props::StepKind::kNetwork;
      return;
    case ActionKind::kDuplicate:
      step->kind = props::StepKind::kNetwork;
      return;
    case ActionKind::kTimeout:
      step->kind = props::StepKind::kTimeout;
      return;
    case ActionKind::kTick:
      step->kind = props::StepKind::kTick;
      return;
    case ActionKind::kPropose:
    case ActionKind::kInvoke:
      step->kind = props::StepKind::kClientRequest;
      return;
    case ActionKind::kCrash:
      step->kind = props::StepKind::kCrash;
      return;
    case ActionKind::kRestart:
      step->kind = props::StepKind::kRestart;
      return;
    case ActionKind::kHeartbeat:
    case ActionKind::kReady:
    case ActionKind::kCompact:
    case ActionKind::kGiveUp:
    case ActionKind::kTransfer:
      step->kind = props::StepKind::kInternal;
      return;
  }
}

// The clients' history against the kv model, once an operation completed ok (before that,
// every history is linearizable). Histories hold a few operations: the search is microseconds.
std::optional<engine::Violation> CheckLinearizable(const WorldState& s) {
  if (s.ops.empty()) return std::nullopt;
  bool any_ok = false;
  for (const ClientOp& op : s.ops) any_ok |= op.outcome == ClientOutcome::kOk;
  if (!any_ok) return std::nullopt;
  static const std::unique_ptr<linearizable::Model> model =
      std::move(linearizable::MakeModel("kv")).value();
  const linearizable::History history = ToHistory(s.ops, s.events);
  const base::Result<linearizable::CheckResult> result =
      linearizable::Check(history, *model, linearizable::CheckOptions{});
  if (!result.ok() || result->verdict != linearizable::Verdict::kNotLinearizable) {
    return std::nullopt;
  }
  std::string message = "the clients' history is not linearizable (p<k> is client k): no order "
                        "of these " + std::to_string(result->violation.size()) +
                        " operations fits real time and the register: ";
  for (std::size_t k = 0; k < result->violation.size(); ++k) {
    const std::size_t i = result->violation[k];
    std::string op = linearizable::DescribeOperation(history.operations[i]);
    // One line: the description's column padding squeezed to one space.
    op.erase(std::unique(op.begin(), op.end(),
                         [](char a, char b) { return a == ' ' && b == ' '; }),
             op.end());
    message += (k ? "; " : "") + op + " at node " + std::to_string(s.ops[i].node + 1);
  }
  return engine::Violation{kLinearizable, std::move(message)};
}

}  // namespace

std::optional<engine::Violation> WorldProperties::CheckState(const WorldState& s) const {
  if (!s.broken.empty()) return engine::Violation{kNodeInvariant, s.broken};
  for (const auto& cell : s.cells) {
    if (!cell->recovery.empty()) return engine::Violation{kRecoveredDurable, cell->recovery};
  }
  // One observation buffer per thread: the engine calls this concurrently (and reusing the
  // buffers keeps their heap allocations across states).
  thread_local props::Observation obs;
  world_.Observe(s, &obs);
  return Convert(props::CheckState(obs));
}

std::optional<engine::Violation> WorldProperties::CheckStep(const WorldState& prev,
                                                            const WorldAction& a,
                                                            const WorldState& next) const {
  if (!next.broken.empty()) return std::nullopt;  // reported by CheckState
  // The history is a function of the path, and only a step that extends it can make it
  // non-linearizable: checking those steps checks every state, without re-checking a history
  // at every state it reaches.
  if (next.events != prev.events) {
    if (std::optional<engine::Violation> v = CheckLinearizable(next)) return v;
  }
  // Step properties compare nodes; a step that left every node's cell alone changed none.
  bool changed = false;
  for (int i = 0; i < prev.size(); ++i) changed |= prev.cells[i] != next.cells[i];
  if (!changed) return std::nullopt;
  thread_local ViewCache before;
  thread_local ViewCache after;
  thread_local props::Step step;
  DescribeStep(prev, a, &step);
  return Convert(props::CheckStep(before.Update(world_, prev), step, after.Update(world_, next)));
}

}  // namespace raftcheck
