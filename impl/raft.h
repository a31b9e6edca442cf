// Raft: the consensus state machine of one node, in the style of etcd-raft. It has no clock,
// no threads and no I/O: the application feeds it ticks and messages, and collects what it
// wants sent, persisted and applied. Most applications use RawNode (raw_node.h), which packs
// that output into a Ready; Raft itself is public for white-box tests and for the explorer.
//
// Section numbers refer to the Raft paper (Ongaro & Ousterhout 2014) and Ongaro's thesis.
//
// Invariants:
//   1. role == kLeader implies lead == id, and vote == id (a leader voted for itself).
//   2. The leader's own Progress, while it is a member, has match == log.LastIndex().
//   3. term and log.committed() never decrease.
//   4. A follower's log only ever moves forward to a leader's snapshot: one at or below our
//      commit index is never installed (it would drop committed entries after it).
//   5. The configuration in force (tracker()) is the one of the last configuration change the
//      application applied (ApplyConfChange), or of the last snapshot installed, or the
//      starting one: never one only appended or committed (etcd's rule). A leader has at most
//      one configuration change it has not applied in its log (pending_conf_index()).
#ifndef RAFTCHECK_IMPL_RAFT_H_
#define RAFTCHECK_IMPL_RAFT_H_

#include <string>
#include <vector>

#include "impl/config.h"
#include "impl/confchange/conf_change.h"
#include "impl/progress.h"
#include "impl/raft_log.h"
#include "impl/read_only.h"
#include "impl/rng.h"
#include "impl/status.h"
#include "impl/tracker/tracker.h"
#include "impl/types.h"

namespace raft {

using quorum::VoteResult;

// Context of the vote requests of a campaign started by leadership transfer: voters grant it
// even while they believe a leader is alive (it was that leader who asked).
inline constexpr const char* kCampaignTransfer = "transfer";

class Raft {
 public:
  // REQUIRES: config.Validate().ok().
  explicit Raft(const Config& config);

  // Advances the logical clock by one tick: followers and candidates may time out and campaign;
  // leaders may heartbeat and run CheckQuorum.
  void Tick();
  // Processes one message, local or from the network. Returns OK when the message was handled,
  // Ignored (with the reason) when the protocol says to drop it, InvalidArgument when it is
  // malformed or from an unknown peer, ProposalDropped for a proposal that cannot go anywhere.
  Status Step(const Message& m);
  // Takes a linearizable read (raw_node.h, "Linearizable reads") and returns its id; its
  // ReadState comes out later. Unavailable when the node knows no leader.
  Result<ReadId> RequestRead();

  // Messages produced since the last call, in the order they were produced.
  std::vector<Message> TakeMessages();
  std::vector<ReadState> TakeReadStates();
  bool HasMessages() const { return !msgs_.empty(); }

  // Leader only: the application reports whether the snapshot it sent to `id` was delivered
  // (etcd's MsgSnapStatus). Either way the follower goes back to probing, paused until a
  // heartbeat response or an append response: on success from after the snapshot (the
  // follower's acknowledgement then moves it to replicate); on failure from after its match,
  // so that the snapshot is sent again. Ignored unless we lead and `id` is in kSnapshot;
  // InvalidArgument for an unknown peer.
  Status ReportSnapshot(NodeId id, bool failure);
  // Leader only: the transport could not reach `id` (etcd's MsgUnreachable); a follower we
  // were streaming appends to goes back to probing. Ignored when not leading; InvalidArgument
  // for an unknown peer or ourselves.
  Status ReportUnreachable(NodeId id);
  // Follower only: forget the leader (etcd's ForgetLeader), so that PreVote and CheckQuorum
  // no longer make us refuse candidates while its heartbeats stop; the term stays. Reads
  // waiting on that leader fail. Ignored with lease-based reads, whose safety rests on
  // followers honouring the lease, and when not a follower.
  Status ForgetLeader();
  // For the explorer and white-box tests: replaces the current round's randomized election
  // timeout (the explorer enumerates the draw this way). REQUIRES: election_tick <= ticks <
  // 2 * election_tick.
  void SetRandomizedElectionTimeout(int ticks);
  bool HasReadStates() const { return !read_states_.empty(); }

  // Membership changes (confchange/conf_change.h). The application calls ApplyConfChange when it
  // applies a committed entry of type kConfChange, with the change the entry holds, and records
  // the configuration returned (it goes into the snapshots it takes). InvalidArgument when the
  // change cannot be made from the configuration in force; that configuration then stays.
  // A leader removed from the configuration steps down (Config::step_down_on_removal).
  Result<ConfState> ApplyConfChange(const ConfChangeV2& cc);
  // The application applied everything through `index` (RawNode::Advance). A leader whose
  // joint configuration leaves by itself (auto_leave) proposes the leave once it is applied.
  // REQUIRES: applied <= index <= committed.
  void AppliedTo(Index index);

  NodeId id() const { return id_; }
  Term term() const { return term_; }
  NodeId vote() const { return vote_; }
  Role role() const { return role_; }
  NodeId lead() const { return lead_; }
  NodeId lead_transferee() const { return lead_transferee_; }
  HardState hard_state() const { return {term_, vote_, log_.committed()}; }
  SoftState soft_state() const { return {lead_, role_}; }
  const RaftLog& log() const { return log_; }
  RaftLog& mutable_log() { return log_; }
  const ProgressTracker& tracker() const { return trk_; }
  // REQUIRES: id is a member (a voter or a learner).
  const Progress& progress(NodeId id) const { return *trk_.Find(id); }
  // Leader: the index of the last configuration change it appended (or of its log's end when
  // it was elected); no further change is taken until the application applied it.
  Index pending_conf_index() const { return pending_conf_index_; }

 private:
  // Tools that must see every field (the explorer's canonical encoding, white-box tests) read
  // the rest through impl/inspect.h.
  friend class Inspector;

  enum class Campaign : unsigned char { kPreElection, kElection, kTransfer };

  // Role transitions (Raft §5.2). Each resets the per-term volatile state.
  void BecomeFollower(Term term, NodeId lead);
  void BecomePreCandidate();
  void BecomeCandidate();
  void BecomeLeader();
  void Reset(Term term);
  void ResetRandomizedElectionTimeout();

  // Elections.
  Status Hup(Campaign campaign);
  void StartCampaign(Campaign campaign);
  VoteResult Poll(NodeId from, bool granted);
  void HandleVoteRequest(const Message& m);

  // Per-role message handling.
  Status StepLeader(const Message& m);
  Status StepCandidate(const Message& m);
  Status StepFollower(const Message& m);
  Status StepTermCheck(const Message& m, bool* stop);

  // Follower side of replication.
  void HandleAppendEntries(const Message& m);
  void HandleHeartbeat(const Message& m);
  Status HandleSnapshot(const Message& m);

  // Leader side of replication.
  // Leader: refuses a configuration change it cannot take now (one is pending, or it does not
  // fit the joint state); otherwise records it as the pending one.
  Status CheckConfChangeProposal(const std::vector<Entry>& entries);
  void AppendEntries(std::vector<Entry> entries);
  bool MaybeSendAppend(NodeId to, bool send_if_empty);
  void SendAppend(NodeId to) { MaybeSendAppend(to, true); }
  bool MaybeSendSnapshot(NodeId to, Progress& pr);
  void BroadcastAppend();
  void BroadcastHeartbeat(const std::string& context);
  bool MaybeCommit();
  void HandleAppendResponse(const Message& m, Progress& pr);
  void HandleHeartbeatResponse(const Message& m, Progress& pr);
  void HandleTransferLeader(const Message& m, Progress& pr);
  void SendTimeoutNow(NodeId to);
  void AbortLeaderTransfer() { lead_transferee_ = kNone; }
  bool QuorumActive() const;
  // A candidate's vote request reaches us while we must refuse it: we heard from a leader
  // within an election timeout, or we (re)started less than one ago with lease reads on.
  bool InLease() const;

  // Linearizable reads (thesis §6.4).
  bool CommittedEntryInCurrentTerm() const;
  void HandleReadRequest(const ReadRequest& request);
  void ReleaseHeldReads();
  void RespondToRead(const ReadRequest& request, Index index);
  // Lease-based reads: the leader may answer from its clock alone.
  bool LeaseValid() const;
  Status HandleReadIndexResponse(const Message& m);
  // Leadership is lost or changed: every read this node asked for and is still waiting on
  // fails (a ReadState that is not ok); reads it held for followers are dropped.
  void FailReads();

  void TickElection();
  void TickHeartbeat();
  // A voter of the configuration in force (a learner or a non-member never campaigns).
  bool Promotable() const { return trk_.IsVoter(id_); }
  bool IsOtherMember(NodeId id) const { return id != id_ && trk_.PositionOf(id) >= 0; }
  bool PastElectionTimeout() const { return election_elapsed_ >= randomized_election_timeout_; }
  // REQUIRES: id is a member.
  Progress& MutableProgress(NodeId id) { return *trk_.Find(id); }
  // Membership: puts `config` in force, with fresh Progress for new members.
  ConfState SwitchToConfig(TrackerConfig config);
  // A committed configuration change is not applied yet: campaigning now could elect us under
  // a configuration the rest of the cluster has already left (etcd #7280, etcd-io/raft #456).
  bool HasUnappliedConfChanges() const;
  // Sent to every member but us: appends, heartbeats.
  template <typename Fn>
  void ForEachPeer(const Fn& fn) {
    for (int pos = 0; pos < static_cast<int>(trk_.ids().size()); ++pos) {
      if (trk_.ids()[pos] != id_) fn(trk_.ids()[pos], trk_.mutable_progress()[pos]);
    }
  }
  void Send(Message m);
  Status Validate(const Message& m) const;

  // Configuration.
  NodeId id_;
  int election_timeout_;
  int heartbeat_timeout_;
  bool pre_vote_;
  bool check_quorum_;
  ReadOnlyOption read_only_option_;
  int lease_ticks_;  // how long a read lease lasts from its round's start
  bool disable_proposal_forwarding_;
  std::uint64_t max_msg_size_;
  int max_inflight_;
  bool step_down_on_removal_;
  BugSet bugs_;

  // Persistent state (Raft Figure 2), plus commit inside log_.
  Term term_ = 0;
  NodeId vote_ = kNone;
  RaftLog log_;

  // Volatile state.
  Role role_ = Role::kFollower;
  NodeId lead_ = kNone;
  NodeId lead_transferee_ = kNone;
  ProgressTracker trk_;            // the configuration in force, and every member's Progress
  Index pending_conf_index_ = 0;   // leader: see pending_conf_index()
  // Reads. A leader's reads wait in held_reads_ until it commits in its term, then in
  // read_only_ for a heartbeat round; a follower's wait at its leader, their ids in
  // forwarded_reads_ (at most one leader's: a change of leader fails them).
  ReadOnly read_only_;
  std::vector<ReadRequest> held_reads_;
  std::vector<ReadId> forwarded_reads_;
  std::uint32_t incarnation_;
  std::uint32_t reads_asked_ = 0;  // read ids given out in this life (the low half)
  int election_elapsed_ = 0;
  int heartbeat_elapsed_ = 0;
  int randomized_election_timeout_ = 0;
  Rng rng_;
  // Lease-based reads. The leader's lease: ticks left; void for the rest of the term once it
  // sent TimeoutNow (the transferee's voters grant it inside the lease). boot_lease_: ticks
  // left of the election timeout after (re)start during which we refuse candidates, since
  // before a crash we may have acknowledged a leader whose lease still runs.
  int lease_remaining_ = 0;
  bool timeout_now_sent_ = false;
  int boot_lease_ = 0;

  // Output, drained by the application.
  std::vector<Message> msgs_;
  std::vector<ReadState> read_states_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_RAFT_H_
