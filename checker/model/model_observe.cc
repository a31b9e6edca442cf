#include "checker/model/model_observe.h"

namespace raftcheck {
namespace {

props::NodeRole RoleOf(model::Role r) {
  switch (r) {
    case model::Role::kFollower: return props::NodeRole::kFollower;
    case model::Role::kCandidate: return props::NodeRole::kCandidate;
    case model::Role::kLeader: return props::NodeRole::kLeader;
  }
  return props::NodeRole::kFollower;
}

props::LogEntry EntryOf(const model::Entry& e) { return {e.term, e.value}; }

void MessageOf(const model::Message& m, props::MessageView* out) {
  out->from = m.source;
  out->term = m.term;
  out->entries.clear();
  switch (m.type) {
    case model::MessageType::kRequestVoteRequest:
      out->kind = props::MessageKind::kVoteRequest;
      out->last_log_index = m.last_log_index;
      out->last_log_term = m.last_log_term;
      break;
    case model::MessageType::kAppendEntriesRequest:
      out->kind = props::MessageKind::kAppend;
      out->prev_index = m.prev_log_index;
      out->prev_term = m.prev_log_term;
      if (m.has_entry()) out->entries.push_back(EntryOf(m.entry));
      out->commit = m.commit;
      break;
    default:
      out->kind = props::MessageKind::kOther;
      break;
  }
}

}  // namespace

void ObserveModel(const model::RaftModel& m, const model::State& s, props::Observation* obs) {
  const int n = m.config().servers;
  obs->nodes.resize(static_cast<std::size_t>(n));
  obs->has_history = false;
  obs->leaders.clear();
  obs->committed.clear();
  for (int i = 0; i < n; ++i) {
    const model::Server& v = s.servers[i];
    props::NodeView& view = obs->nodes[static_cast<std::size_t>(i)];
    view.up = true;
    view.term = v.term;
    view.vote = v.voted_for;  // server + 1: the node id, 0 for Nil
    view.role = RoleOf(v.role);
    view.log.resize(v.log_len);
    for (int k = 0; k < v.log_len; ++k) view.log[k] = EntryOf(v.log[k]);
    view.commit = v.commit;
    view.applied.clear();
    view.has_durable = false;
    view.match.clear();
    view.next.clear();
  }
}

void DescribeModelStep(const model::State& s, const model::Action& a, props::Step* step) {
  using model::ActionKind;
  step->node = a.i;
  switch (a.kind) {
    case ActionKind::kTimeout:
      step->kind = props::StepKind::kTimeout;
      return;
    case ActionKind::kRestart:
      step->kind = props::StepKind::kRestart;
      return;
    case ActionKind::kClientRequest:
      step->kind = props::StepKind::kClientRequest;
      return;
    case ActionKind::kBecomeLeader:
    case ActionKind::kAdvanceCommitIndex:
      step->kind = props::StepKind::kInternal;
      return;
    case ActionKind::kReceive: {
      const model::Message m = model::UnpackMessage(s.bag[a.arg]);
      step->kind = props::StepKind::kDeliver;
      step->node = m.dest;
      MessageOf(m, &step->message);
      return;
    }
    case ActionKind::kRequestVote:
    case ActionKind::kAppendEntries:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage:
      step->kind = props::StepKind::kNetwork;
      return;
  }
}

}  // namespace raftcheck
