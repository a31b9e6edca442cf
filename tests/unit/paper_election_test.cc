// The rules of the Raft paper §5.1, §5.2 and §5.4.1 (terms, elections, voting), one behaviour
// per test, on white-box Raft nodes.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>
#include <vector>

#include "impl/inspect.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::ElectLeader;
using test::EntriesWithTerms;
using test::kElectionTick;
using test::Local;
using test::Msg;
using test::StorageWith;
using test::TestNode;

// Puts a fresh node 1 of 3 into `role` at term 1 (follower: by loading term 1 from storage).
std::unique_ptr<TestNode> NodeInRole(Role role) {
  auto node = std::make_unique<TestNode>(
      1, 3, StorageWith({}, HardState{.term = 1}),
      [role](Config& c) { c.pre_vote = role == Role::kPreCandidate; });
  Raft& r = node->raft();
  switch (role) {
    case Role::kFollower: break;
    case Role::kPreCandidate:
    case Role::kCandidate: r.Step(Local(MessageType::kHup, 1)); break;
    case Role::kLeader: ElectLeader(r); break;
  }
  EXPECT_EQ(r.role(), role);
  r.TakeMessages();
  return node;
}

// §5.1: "If one server's current term is smaller than the other's, then it updates its current
// term to the larger value. If a candidate or leader discovers that its term is out of date, it
// immediately reverts to follower state." An AppendEntries also names the new leader.
TEST(PaperElection, Step_HigherTermAppendMakesEveryRoleAFollowerOfThatTerm) {
  for (Role role : {Role::kFollower, Role::kPreCandidate, Role::kCandidate, Role::kLeader}) {
    SCOPED_TRACE(RoleName(role));
    auto node = NodeInRole(role);
    Raft& r = node->raft();
    const Term higher = r.term() + 1;

    EXPECT_TRUE(r.Step(Msg(MessageType::kApp, 2, 1, higher)).ok());

    EXPECT_EQ(r.term(), higher);
    EXPECT_EQ(r.role(), Role::kFollower);
    EXPECT_EQ(r.lead(), 2u);
    EXPECT_EQ(r.vote(), kNone);  // a new term starts with no vote cast
  }
}

// §5.1 again, through a message that does not come from a leader: the term is adopted, but no
// leader is known.
TEST(PaperElection, Step_HigherTermVoteResponseMakesLeaderAFollowerWithoutLeader) {
  auto node = NodeInRole(Role::kLeader);
  Raft& r = node->raft();
  const Term higher = r.term() + 1;
  Message resp = Msg(MessageType::kVoteResp, 3, 1, higher);
  resp.reject = true;

  r.Step(resp);

  EXPECT_EQ(r.term(), higher);
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.lead(), kNone);
}

// §5.1: "If a server receives a request with a stale term number, it rejects the request."
// etcd (and this library) drops it and reports Ignored; nothing in the node changes.
TEST(PaperElection, Step_StaleTermAppendIsIgnored) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2}));
  Raft& r = node.raft();
  Message app = Msg(MessageType::kApp, 2, 1, 1);
  app.entries = EntriesWithTerms(1, {1});
  app.commit = 1;

  const Status s = r.Step(app);

  EXPECT_EQ(s.code(), Status::Code::kIgnored) << s.ToString();
  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.lead(), kNone);
  EXPECT_EQ(r.log().LastIndex(), 0u);
  EXPECT_EQ(r.log().committed(), 0u);
  EXPECT_FALSE(r.HasMessages());
}

TEST(PaperElection, Step_StaleTermVoteRequestIsIgnoredWithoutAnswer) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2}));
  Raft& r = node.raft();

  const Status s = r.Step(Msg(MessageType::kVote, 2, 1, 1));

  EXPECT_EQ(s.code(), Status::Code::kIgnored) << s.ToString();
  EXPECT_EQ(r.vote(), kNone);
  EXPECT_FALSE(r.HasMessages());
}

// With CheckQuorum (or PreVote) a node at a higher term would never reach a stale leader
// through a vote, so a stale append or heartbeat is answered with an empty AppResp carrying the
// new term.
TEST(PaperElection, Step_StaleTermAppendWithCheckQuorumIsAnsweredWithCurrentTerm) {
  for (bool pre_vote : {false, true}) {
    for (MessageType type : {MessageType::kApp, MessageType::kHeartbeat}) {
      SCOPED_TRACE(testing::Message() << (pre_vote ? "pre_vote " : "check_quorum ")
                                      << MessageTypeName(type));
      TestNode node(1, 3, StorageWith({}, HardState{.term = 2}), [pre_vote](Config& c) {
        c.pre_vote = pre_vote;
        c.check_quorum = !pre_vote;
      });
      Raft& r = node.raft();

      r.Step(Msg(type, 2, 1, 1));

      EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kAppResp, 1, 2, 2)});
      EXPECT_EQ(r.term(), 2u);
      EXPECT_EQ(r.lead(), kNone);
    }
  }
}

TEST(PaperElection, Step_StaleTermPreVoteIsRejectedWithCurrentTerm) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 2}),
                [](Config& c) { c.pre_vote = true; });
  Raft& r = node.raft();

  r.Step(Msg(MessageType::kPreVote, 2, 1, 1));

  Message want = Msg(MessageType::kPreVoteResp, 1, 2, 2);
  want.reject = true;
  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{want});
}

// §5.2: "When servers start up, they begin as followers."
TEST(PaperElection, Construct_FreshNodeStartsAsFollowerAtTermZero) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.term(), 0u);
  EXPECT_EQ(r.vote(), kNone);
  EXPECT_EQ(r.lead(), kNone);
  EXPECT_FALSE(r.HasMessages());
}

TEST(PaperElection, Construct_RestartedNodeStartsAsFollowerWithStoredTermAndVote) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 5, .vote = 3}));
  Raft& r = node.raft();
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_EQ(r.term(), 5u);
  EXPECT_EQ(r.vote(), 3u);
}

// §5.2: "Leaders send periodic heartbeats (AppendEntries RPCs that carry no log entries) to all
// followers." etcd's heartbeat carries commit = min(follower's match, leader's commit), so a
// follower is never told to commit an entry it may not have.
TEST(PaperElection, Tick_LeaderBroadcastsHeartbeatWithCommitCappedByMatch) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  for (const Message& m : ElectLeader(r)) {
    if (m.to == 2) r.Step(test::AcceptAppend(m));  // only 2 acknowledges the no-op at index 1
  }
  ASSERT_EQ(r.log().committed(), 1u);
  r.TakeMessages();

  for (int i = 0; i < test::kHeartbeatTick; ++i) r.Tick();

  Message to2 = Msg(MessageType::kHeartbeat, 1, 2, 1);
  to2.commit = 1;  // 2 holds index 1
  Message to3 = Msg(MessageType::kHeartbeat, 1, 3, 1);
  to3.commit = 0;  // 3 has acknowledged nothing
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{to2, to3}));
}

// §5.2: "If a follower receives no communication over a period of time called the election
// timeout, then it ... begins an election": it increments its term, votes for itself and sends
// RequestVote to every other server, carrying its last log index and term (§5.4.1).
TEST(PaperElection, Tick_FollowerStartsElectionExactlyAtItsElectionTimeout) {
  TestNode node(1, 3, StorageWith(EntriesWithTerms(1, {1, 1}), HardState{.term = 1}));
  Raft& r = node.raft();
  const int timeout = raft::Inspector::RandomizedElectionTimeout(r);
  ASSERT_GE(timeout, kElectionTick);
  ASSERT_LT(timeout, 2 * kElectionTick);

  for (int i = 0; i < timeout - 1; ++i) r.Tick();
  EXPECT_EQ(r.role(), Role::kFollower);
  EXPECT_FALSE(r.HasMessages());

  r.Tick();
  EXPECT_EQ(r.role(), Role::kCandidate);
  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.vote(), 1u);
  Message to2 = Msg(MessageType::kVote, 1, 2, 2);
  to2.index = 2;     // last log index
  to2.log_term = 1;  // last log term
  Message to3 = to2;
  to3.to = 3;
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{to2, to3}));
}

// §5.2: a candidate that neither wins nor loses "will time out and start a new election by
// incrementing its term and initiating another round of RequestVote RPCs".
TEST(PaperElection, Tick_CandidateStartsNewElectionAtItsElectionTimeout) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  r.Step(Local(MessageType::kHup, 1));
  ASSERT_EQ(r.term(), 1u);
  r.TakeMessages();
  const int timeout = raft::Inspector::RandomizedElectionTimeout(r);

  for (int i = 0; i < timeout - 1; ++i) r.Tick();
  EXPECT_EQ(r.term(), 1u);
  EXPECT_FALSE(r.HasMessages());

  r.Tick();
  EXPECT_EQ(r.role(), Role::kCandidate);
  EXPECT_EQ(r.term(), 2u);
  EXPECT_EQ(r.vote(), 1u);
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{Msg(MessageType::kVote, 1, 2, 2),
                                                    Msg(MessageType::kVote, 1, 3, 2)}));
}

// §5.2: a candidate wins with votes from a majority (its own included), returns to follower
// when a majority rejects it, and otherwise keeps waiting.
TEST(PaperElection, HandleVoteResponse_OneRoundOutcomes) {
  struct Case {
    int size;
    std::map<NodeId, bool> granted;  // answers from peers (own vote is implicit)
    Role want;
  };
  const Case cases[] = {
      {1, {}, Role::kLeader},
      {3, {{2, true}}, Role::kLeader},
      {3, {{2, true}, {3, true}}, Role::kLeader},
      {5, {{2, true}, {3, true}}, Role::kLeader},
      {5, {{2, true}, {3, true}, {4, true}, {5, true}}, Role::kLeader},
      {3, {{2, false}, {3, false}}, Role::kFollower},
      {5, {{2, true}, {3, false}, {4, false}, {5, false}}, Role::kFollower},
      {3, {}, Role::kCandidate},
      {5, {{2, true}}, Role::kCandidate},
      {5, {{2, false}, {3, false}}, Role::kCandidate},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.size << " nodes, " << c.granted.size() << " answers");
    TestNode node(1, c.size);
    Raft& r = node.raft();
    r.Step(Local(MessageType::kHup, 1));
    for (const auto& [from, granted] : c.granted) {
      Message resp = Msg(MessageType::kVoteResp, from, 1, 1);
      resp.reject = !granted;
      r.Step(resp);
    }
    EXPECT_EQ(r.role(), c.want);
    EXPECT_EQ(r.term(), 1u);  // losing does not move the term
  }
}

// §5.2: "Each server will vote for at most one candidate in a given term, on a
// first-come-first-served basis."
TEST(PaperElection, HandleRequestVote_FirstComeFirstServedInOneTerm) {
  TestNode node(1, 3);
  Raft& r = node.raft();

  r.Step(Msg(MessageType::kVote, 2, 1, 1));
  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kVoteResp, 1, 2, 1)});
  EXPECT_EQ(r.vote(), 2u);

  r.Step(Msg(MessageType::kVote, 3, 1, 1));
  Message rejected = Msg(MessageType::kVoteResp, 1, 3, 1);
  rejected.reject = true;
  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{rejected});
  EXPECT_EQ(r.vote(), 2u);
}

// A repeated request (a retransmission) from the candidate we voted for is granted again; a
// vote loaded from storage binds the restarted node just the same.
TEST(PaperElection, HandleRequestVote_StoredVoteGrantsSameCandidateOnly) {
  struct Case {
    NodeId candidate;
    bool want_reject;
  };
  for (const Case c : {Case{2, false}, Case{3, true}}) {
    SCOPED_TRACE(testing::Message() << "candidate " << c.candidate);
    TestNode node(1, 3, StorageWith({}, HardState{.term = 1, .vote = 2}));
    Raft& r = node.raft();

    r.Step(Msg(MessageType::kVote, c.candidate, 1, 1));

    Message want = Msg(MessageType::kVoteResp, 1, c.candidate, 1);
    want.reject = c.want_reject;
    EXPECT_EQ(r.TakeMessages(), std::vector<Message>{want});
    EXPECT_EQ(r.vote(), 2u);
  }
}

TEST(PaperElection, HandleRequestVote_NewTermFreesTheVote) {
  TestNode node(1, 3, StorageWith({}, HardState{.term = 1, .vote = 2}));
  Raft& r = node.raft();

  r.Step(Msg(MessageType::kVote, 3, 1, 2));

  EXPECT_EQ(r.TakeMessages(), std::vector<Message>{Msg(MessageType::kVoteResp, 1, 3, 2)});
  EXPECT_EQ(r.vote(), 3u);
  EXPECT_EQ(r.term(), 2u);
}

// §5.4.1: "the voter denies its vote if its own log is more up-to-date than that of the
// candidate": a later last term wins; with equal last terms, the longer log wins.
TEST(PaperElection, HandleRequestVote_DeniesCandidateWithLessUpToDateLog) {
  struct Case {
    std::vector<Entry> voter_log;
    Index cand_index;
    Term cand_term;
    bool want_reject;
  };
  const Case cases[] = {
      {EntriesWithTerms(1, {1}), 1, 1, false},     // identical
      {EntriesWithTerms(1, {1}), 2, 1, false},     // same last term, candidate longer
      {EntriesWithTerms(1, {1, 1}), 1, 1, true},   // same last term, candidate shorter
      {EntriesWithTerms(1, {1}), 1, 2, false},     // candidate's last term later
      {EntriesWithTerms(1, {1, 1}), 1, 2, false},  // later last term beats a longer log
      {EntriesWithTerms(1, {2}), 1, 1, true},      // voter's last term later
      {EntriesWithTerms(1, {2}), 2, 1, true},      // ... even against a longer log
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "candidate last (" << c.cand_index << ", t" << c.cand_term
                                    << "), voter last index " << c.voter_log.size());
    TestNode node(1, 2, StorageWith(c.voter_log, HardState{.term = 2}));
    Raft& r = node.raft();
    Message req = Msg(MessageType::kVote, 2, 1, 3);
    req.index = c.cand_index;
    req.log_term = c.cand_term;

    r.Step(req);

    const std::vector<Message> out = r.TakeMessages();
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].type, MessageType::kVoteResp);
    EXPECT_EQ(out[0].reject, c.want_reject);
    EXPECT_EQ(r.vote(), c.want_reject ? kNone : 2u);
  }
}

// §5.2: "If the AppendEntries RPC is from a leader whose term is at least as large as the
// candidate's current term, then the candidate recognizes the leader as legitimate and returns
// to follower state."
TEST(PaperElection, StepCandidate_AppendFromEqualOrHigherTermLeaderFallsBackToFollower) {
  for (Term leader_term : {Term{1}, Term{2}}) {
    SCOPED_TRACE(testing::Message() << "leader term " << leader_term);
    TestNode node(1, 3);
    Raft& r = node.raft();
    r.Step(Local(MessageType::kHup, 1));
    ASSERT_EQ(r.role(), Role::kCandidate);
    ASSERT_EQ(r.term(), 1u);

    r.Step(Msg(MessageType::kApp, 2, 1, leader_term));

    EXPECT_EQ(r.role(), Role::kFollower);
    EXPECT_EQ(r.term(), leader_term);
    EXPECT_EQ(r.lead(), 2u);
  }
}

}  // namespace
}  // namespace raft
