// KvService: the KV service of a node over its NodeHost, in a Cluster of three: writes are
// answered once this node applied them, reads once it has applied through their read index,
// and what cannot be known is never answered.
#include <gtest/gtest.h>

#include <vector>

#include "impl/harness/cluster.h"
#include "impl/harness/kv_service.h"

namespace raft {
namespace {

kv::Request Put(std::uint64_t client, std::uint64_t seq, std::string value) {
  return kv::Request{.op = kv::Op::kPut, .client = client, .seq = seq, .key = "x",
                     .value = std::move(value)};
}
kv::Request Get(std::uint64_t client, std::uint64_t seq) {
  return kv::Request{.op = kv::Op::kGet, .client = client, .seq = seq, .key = "x"};
}

class KvServiceTest : public testing::Test {
 protected:
  KvServiceTest() : cluster_(3) { leader_ = cluster_.Stabilize(); }

  // The replies service (at node id) owes after the cluster ran; read states are taken once.
  std::vector<KvReply> Poll(KvService& service, NodeId id) {
    const std::vector<ReadState>& all = cluster_.ReadStates(id);
    std::vector<ReadState> fresh(all.begin() + static_cast<std::ptrdiff_t>(seen_[id - 1]),
                                 all.end());
    seen_[id - 1] = all.size();
    return service.Poll(cluster_.host(id), fresh);
  }
  NodeId Follower() const { return leader_ == 1 ? 2 : 1; }

  Cluster cluster_;
  NodeId leader_ = kNone;
  std::size_t seen_[3] = {0, 0, 0};
};

TEST_F(KvServiceTest, Submit_PutIsAnsweredOnlyOnceApplied) {
  ASSERT_NE(leader_, kNone);
  KvService service;
  EXPECT_FALSE(service.Submit(cluster_.host(leader_), Put(1, 1, "a")).has_value());
  cluster_.Flush(leader_);
  EXPECT_TRUE(Poll(service, leader_).empty());  // proposed, not committed yet

  cluster_.DeliverAll();

  EXPECT_EQ(Poll(service, leader_),
            (std::vector<KvReply>{{.client = 1, .seq = 1, .ok = true, .outcome = {true, ""}}}));
  EXPECT_EQ(service.store().Get("x"), "a");
  EXPECT_TRUE(service.pending().empty());
}

// A follower's get goes through its leader; the answer waits until the follower has applied
// through the read index, and reads the value the put left.
TEST_F(KvServiceTest, Submit_FollowerGetAnswersOnceAppliedThroughTheReadIndex) {
  ASSERT_NE(leader_, kNone);
  KvService at_leader, at_follower;
  at_leader.Submit(cluster_.host(leader_), Put(1, 1, "a"));
  cluster_.Flush(leader_);
  cluster_.DeliverAll();
  ASSERT_EQ(Poll(at_leader, leader_).size(), 1u);

  EXPECT_FALSE(at_follower.Submit(cluster_.host(Follower()), Get(2, 1)).has_value());
  cluster_.Flush(Follower());
  cluster_.DeliverAll();

  EXPECT_EQ(Poll(at_follower, Follower()),
            (std::vector<KvReply>{{.client = 2, .seq = 1, .ok = true, .outcome = {true, "a"}}}));
}

TEST_F(KvServiceTest, Submit_WithoutLeaderFailsAtOnce) {
  Cluster alone(3);  // nobody has campaigned: no leader anywhere
  KvService service;
  const std::optional<KvReply> get = service.Submit(alone.host(1), Get(1, 1));
  const std::optional<KvReply> put = service.Submit(alone.host(1), Put(2, 1, "a"));

  EXPECT_EQ(get, (KvReply{.client = 1, .seq = 1, .ok = false}));
  EXPECT_EQ(put, (KvReply{.client = 2, .seq = 1, .ok = false}));
  EXPECT_TRUE(service.pending().empty());
}

// A read whose node loses its leader fails explicitly (the library's ReadState is not ok).
TEST_F(KvServiceTest, Poll_ReadFailsWhenTheFollowerSeesANewTerm) {
  ASSERT_NE(leader_, kNone);
  KvService service;
  const NodeId follower = Follower();
  service.Submit(cluster_.host(follower), Get(1, 1));
  cluster_.Flush(follower);
  cluster_.DropIf([](const Message&) { return true; });  // the forwarded read is lost
  cluster_.Campaign(follower);  // a new term: the follower stops waiting on its old leader

  EXPECT_EQ(Poll(service, follower), (std::vector<KvReply>{{.client = 1, .seq = 1, .ok = false}}));
}

// A crash loses what the node had not answered; after the restart the store is rebuilt from
// the node's applied entries.
TEST_F(KvServiceTest, Crash_DropsPendingRequestsAndTheStoreFollowsTheRestart) {
  ASSERT_NE(leader_, kNone);
  KvService service;
  service.Submit(cluster_.host(leader_), Put(1, 1, "a"));
  cluster_.Flush(leader_);
  cluster_.DeliverAll();
  ASSERT_EQ(Poll(service, leader_).size(), 1u);
  service.Submit(cluster_.host(leader_), Put(1, 2, "b"));
  cluster_.Flush(leader_);

  cluster_.Crash(leader_);
  service.Crash();
  cluster_.Restart(leader_);

  EXPECT_TRUE(service.pending().empty());
  EXPECT_TRUE(Poll(service, leader_).empty());
  EXPECT_EQ(service.store().applied(), cluster_.host(leader_).applied().size());
  EXPECT_EQ(service.store().Get("x"), "a");
}

// The same request delivered twice (a retry, a duplicated proposal) is applied once and
// answered once; with the seeded bug the store applies it again.
TEST(KvService, Poll_DuplicatedProposalIsAppliedOnce) {
  for (bool bug : {false, true}) {
    SCOPED_TRACE(bug ? "retry-applied-twice" : "clean");
    BugSet bugs;
    if (bug) bugs.Add(Bug::kRetryAppliedTwice);
    Cluster cluster(3);
    const NodeId leader = cluster.Stabilize();
    ASSERT_NE(leader, kNone);
    KvService service(bugs);
    service.Submit(cluster.host(leader), Put(7, 1, "first"));
    cluster.Flush(leader);
    cluster.DeliverAll();
    service.Submit(cluster.host(leader), Put(8, 1, "second"));
    cluster.Flush(leader);
    cluster.DeliverAll();
    cluster.Propose(leader, kv::Encode(Put(7, 1, "first")));  // the duplicate
    cluster.DeliverAll();

    EXPECT_EQ(service.Poll(cluster.host(leader), {}).size(), 2u);
    EXPECT_EQ(service.store().Get("x"), bug ? "first" : "second");
  }
}

}  // namespace
}  // namespace raft
