// Snapshots through the application's side of the contract: Ready.snapshot (RawNode), the
// harness's state machine and its snapshot data (NodeHost, applied_codec.h), log compaction,
// and a lagging follower caught up by a snapshot in a Cluster.
#include <gtest/gtest.h>

#include <initializer_list>
#include <span>
#include <string>
#include <vector>

#include "impl/harness/applied_codec.h"
#include "impl/harness/cluster.h"
#include "impl/harness/node_host.h"
#include "impl/raw_node.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::EntriesWithTerms;
using test::MakeSnapshot;

constexpr int kNodes = 3;

// ---- The snapshot data of the harness's state machine ---------------------------------------

TEST(AppliedCodec, EncodeDecode_RoundTripsEntriesInOrder) {
  const std::vector<Entry> applied = {{1, 1, ""}, {1, 2, "v1"}, {2, 3, std::string("\0x", 2)}};
  const Result<std::vector<Entry>> back = DecodeAppliedEntries(EncodeAppliedEntries(applied));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, applied);
  EXPECT_TRUE(DecodeAppliedEntries(EncodeAppliedEntries({}))->empty());
  EXPECT_EQ(EncodeAppliedEntries(applied), EncodeAppliedEntries(applied));  // deterministic
}

TEST(AppliedCodec, Decode_TruncatedOrOutOfOrderDataIsCorruption) {
  const std::string two = EncodeAppliedEntries(EntriesWithTerms(1, {1, 1}));
  EXPECT_EQ(DecodeAppliedEntries(two.substr(0, two.size() - 1)).status().code(),
            Status::Code::kCorruption);
  const std::string from_two = EncodeAppliedEntries(EntriesWithTerms(2, {1}));
  EXPECT_EQ(DecodeAppliedEntries(from_two).status().code(), Status::Code::kCorruption);
}

// ---- RawNode: Ready.snapshot ----------------------------------------------------------------

// The Ready order for a snapshot: it comes before any entry, with the hard state that commits
// it and the acknowledgement to send once it is durable; Advance makes it stable and applied.
TEST(RawNodeSnapshot, GetReady_SnapshotToPersistAndApplyThenAdvanceMarksItApplied) {
  MemoryStorage storage =
      test::StorageWith(EntriesWithTerms(1, {1}), HardState{.term = 1, .commit = 1});
  Result<RawNode> created = RawNode::Create(test::MakeConfig(2, kNodes, &storage));
  ASSERT_TRUE(created.ok());
  RawNode node = std::move(created).value();
  Message snap = test::Msg(MessageType::kSnap, 1, 2, 3);
  snap.snapshot = MakeSnapshot(5, 2, kNodes, "sm");
  ASSERT_TRUE(node.Step(snap).ok());

  ASSERT_TRUE(node.HasReady());
  Ready rd = node.GetReady();
  EXPECT_EQ(rd.snapshot, snap.snapshot);
  EXPECT_TRUE(rd.entries.empty());
  EXPECT_TRUE(rd.committed_entries.empty());  // the snapshot holds them
  EXPECT_EQ(rd.hard_state, (HardState{.term = 3, .vote = 0, .commit = 5}));
  EXPECT_TRUE(rd.must_sync);
  ASSERT_EQ(rd.messages.size(), 1u);
  EXPECT_EQ(rd.messages[0].index, 5u);

  ASSERT_TRUE(storage.ApplySnapshot(rd.snapshot).ok());
  storage.SetHardState(rd.hard_state);
  node.Advance();

  EXPECT_FALSE(node.raft().log().HasUnstableSnapshot());
  EXPECT_EQ(node.raft().log().applied(), 5u);
  EXPECT_EQ(node.Status().applied, 5u);
  EXPECT_FALSE(node.HasReady());
}

// ---- NodeHost::Compact ----------------------------------------------------------------------

// A cluster whose leader (node 1) committed and everyone applied: the no-op, then a, b, c.
Cluster CommittedCluster() {
  Cluster c(kNodes);
  EXPECT_EQ(c.Campaign(1).code(), Status::Code::kOk);
  c.DeliverAll();
  for (const char* v : {"a", "b", "c"}) {
    EXPECT_TRUE(c.Propose(1, v).ok());
    c.DeliverAll();
  }
  c.Tick(1);  // a heartbeat carries the last commit index to the followers
  c.DeliverAll();
  EXPECT_EQ(c.host(1).applied().size(), 4u);
  return c;
}

TEST(NodeHost, Compact_SnapshotsStateMachineAndDiscardsStoredLog) {
  Cluster c = CommittedCluster();
  NodeHost& h = c.host(2);
  const std::vector<Entry> before = h.applied();

  ASSERT_TRUE(h.Compact(3).ok());

  const Snapshot& snap = h.storage().snapshot();
  EXPECT_EQ(snap.metadata.index, 3u);
  EXPECT_EQ(snap.metadata.term, before[2].term);
  EXPECT_EQ(snap.metadata.conf_state.voters, test::Peers(kNodes));
  EXPECT_EQ(snap.data, EncodeAppliedEntries(std::span<const Entry>(before.data(), 3)));
  EXPECT_EQ(h.storage().FirstIndex(), 4u);
  EXPECT_EQ(h.node().raft().log().FirstIndex(), 4u);
  EXPECT_EQ(h.applied(), before);  // compaction does not touch the state machine

  EXPECT_EQ(h.Compact(5).code(), Status::Code::kInvalidArgument);  // past applied
  EXPECT_EQ(h.Compact(3).code(), Status::Code::kInvalidArgument);  // not newer
}

TEST(NodeHost, Restart_AfterCompactionResumesFromSnapshotWithoutReapplying) {
  Cluster c = CommittedCluster();
  ASSERT_TRUE(c.Compact(2, 4).ok());
  const std::vector<Entry> before = c.host(2).applied();

  c.Crash(2);
  c.Restart(2);

  const RaftLog& log = c.raft(2).log();
  EXPECT_EQ(log.FirstIndex(), 5u);
  EXPECT_EQ(log.LastIndex(), 4u);
  EXPECT_EQ(log.applied(), 4u);
  EXPECT_EQ(c.host(2).applied(), before);
}

// A copy is a whole independent node (the explorer forks clusters): its RawNode reads the
// copy's storage, snapshot and all.
TEST(NodeHost, Copy_KeepsItsOwnSnapshotAndLog) {
  Cluster c = CommittedCluster();
  ASSERT_TRUE(c.Compact(2, 2).ok());
  const NodeHost copy = c.host(2);

  ASSERT_TRUE(c.Compact(2, 4).ok());

  EXPECT_EQ(copy.storage().snapshot().metadata.index, 2u);
  EXPECT_EQ(copy.node().raft().log().FirstIndex(), 3u);
  EXPECT_EQ(c.host(2).node().raft().log().FirstIndex(), 5u);
}

// ---- A slow follower after compaction -------------------------------------------------------

// Delivers messages in order until none is left, dropping snapshot messages while
// `drop_snapshots` (Cluster reports those failed to the leader). Returns how many snapshot
// messages went by.
int DeliverAllCountingSnapshots(Cluster& c, bool drop_snapshots = false) {
  int snapshots = 0;
  while (!c.in_flight().empty()) {
    const bool snap = c.in_flight().front().type == MessageType::kSnap;
    snapshots += snap;
    if (snap && drop_snapshots) {
      c.Drop(0);
    } else {
      c.Deliver(0);
    }
  }
  return snapshots;
}

// A cluster led by node 1 in which node 3 is cut off after the no-op committed everywhere,
// and misses `values`.
Cluster ClusterWithLaggingNode3(std::initializer_list<const char*> values) {
  Cluster c(kNodes);
  EXPECT_TRUE(c.Campaign(1).ok());
  c.DeliverAll();
  c.Tick(1);  // the heartbeat tells the followers the no-op is committed
  c.DeliverAll();
  c.Isolate(3);
  for (const char* v : values) {
    EXPECT_TRUE(c.Propose(1, v).ok());
    c.DeliverAll();
  }
  EXPECT_EQ(c.host(3).applied().size(), 1u);  // only the no-op
  return c;
}

// etcd's slow_follower_after_compaction: node 3 misses entries that the others then compact
// away; the leader can only catch it up with a snapshot, and node 3's state machine is
// restored from the snapshot's data, then follows the log again.
TEST(ClusterSnapshot, SlowFollowerAfterCompactionCatchesUpThroughSnapshot) {
  Cluster c = ClusterWithLaggingNode3({"a", "b", "c"});
  ASSERT_EQ(c.host(1).applied().size(), 4u);
  ASSERT_TRUE(c.Compact(1, 4).ok());
  ASSERT_TRUE(c.Compact(2, 3).ok());

  c.Heal();
  c.Tick(1);  // a heartbeat; node 3's answer makes the leader send what node 3 lacks
  EXPECT_EQ(DeliverAllCountingSnapshots(c), 1);
  ASSERT_TRUE(c.Propose(1, "d").ok());
  c.DeliverAll();
  c.Tick(1);
  c.DeliverAll();

  EXPECT_EQ(c.host(3).storage().snapshot().metadata.index, 4u);
  EXPECT_EQ(c.host(3).applied(), c.host(1).applied());
  EXPECT_EQ(c.host(3).applied().back().data, "d");
  EXPECT_EQ(c.raft(1).progress(3).state, ProgressState::kReplicate);

  // Restarted, it starts from its snapshot, with its state machine as it was.
  const std::vector<Entry> before = c.host(3).applied();
  c.Crash(3);
  c.Restart(3);
  EXPECT_EQ(c.raft(3).log().FirstIndex(), 5u);
  EXPECT_EQ(c.host(3).applied(), before);
}

// A snapshot message lost on the way is reported failed to the leader (Cluster is the
// transport), which sends it again after the next heartbeat response.
TEST(ClusterSnapshot, DroppedSnapshotIsReportedAndResent) {
  Cluster c = ClusterWithLaggingNode3({"a"});
  ASSERT_TRUE(c.Compact(1, 2).ok());
  c.Heal();

  for (int round = 0; round < 2; ++round) {
    c.Tick(1);
    EXPECT_EQ(DeliverAllCountingSnapshots(c, /*drop_snapshots=*/true), 1) << "round " << round;
    EXPECT_EQ(c.raft(1).progress(3).state, ProgressState::kProbe);
  }
  c.Tick(1);
  EXPECT_EQ(DeliverAllCountingSnapshots(c), 1);
  c.Tick(1);
  c.DeliverAll();
  EXPECT_EQ(c.host(3).applied(), c.host(1).applied());
  EXPECT_EQ(c.raft(1).progress(3).state, ProgressState::kReplicate);
}

}  // namespace
}  // namespace raft
