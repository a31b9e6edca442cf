// Membership changes through the write-ahead log, on real files: a node on a disk that applied
// a configuration change comes back in that configuration after a crash, whether it replays
// the change from its log or finds it in a snapshot (record 7, wal_format.h).
#include <gtest/gtest.h>

#include <vector>

#include "impl/confchange/conf_change.h"
#include "impl/fs/posix_file_system.h"
#include "impl/harness/node_host.h"
#include "impl/wal/wal_reader.h"
#include "tests/wal/wal_test_util.h"

namespace raft {
namespace {

// Node 1 alone in its configuration, on a disk.
Config SingleVoter() {
  Config config;
  config.id = 1;
  config.peers = {1};
  return config;
}

// Handles every Ready the host has (a single node: its messages go nowhere).
void Drain(NodeHost& host) {
  std::vector<Message> out;
  while (host.HandleReady(&out)) {
  }
}

// Makes the host lead, apply "add learner 2", then one write.
void LeadWithALearner(NodeHost& host) {
  EXPECT_TRUE(host.node().Campaign().ok());
  Drain(host);
  EXPECT_TRUE(host.node().ProposeConfChange(SimpleChange(ConfChangeType::kAddLearnerNode, 2)).ok());
  Drain(host);
  EXPECT_TRUE(host.node().Propose("v1").ok());
  Drain(host);
  EXPECT_EQ(host.node().raft().tracker().config().learners, (std::vector<NodeId>{2}));
}

TEST(WalMembership, RestartReplaysAnAppliedChangeFromTheLog) {
  waltest::TempDir tmp;
  PosixFileSystem fs(tmp.path());
  NodeHost host(SingleVoter(), &fs, "/node");
  LeadWithALearner(host);
  host.Crash();
  ASSERT_TRUE(host.ReloadDurable().ok());
  host.Restart();
  // The state machine is what the (absent) snapshot held: the change is applied again, and
  // takes effect then, not before.
  EXPECT_TRUE(host.node().raft().tracker().config().learners.empty());
  Drain(host);
  EXPECT_EQ(host.applied().size(), 3u);
  EXPECT_EQ(host.node().raft().tracker().config().learners, (std::vector<NodeId>{2}));
}

TEST(WalMembership, RestartFindsTheConfigurationInItsSnapshot) {
  waltest::TempDir tmp;
  PosixFileSystem fs(tmp.path());
  NodeHost host(SingleVoter(), &fs, "/node");
  LeadWithALearner(host);
  ASSERT_TRUE(host.Compact(host.applied().size()).ok());
  host.Crash();
  Result<wal::ScanResult> scan = wal::ScanWal(fs, "/node", {});
  ASSERT_TRUE(scan.ok()) << scan.status().ToString();
  ASSERT_TRUE(scan->contents.snapshot.has_value());
  EXPECT_EQ(scan->contents.snapshot->metadata.conf_state.learners, (std::vector<NodeId>{2}));
  EXPECT_TRUE(scan->contents.entries.empty());  // the change is only in the snapshot now
  ASSERT_TRUE(host.ReloadDurable().ok());
  host.Restart();
  EXPECT_EQ(host.node().raft().tracker().config().learners, (std::vector<NodeId>{2}));
}

}  // namespace
}  // namespace raft
