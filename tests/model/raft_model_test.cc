// RaftModel against raft.tla, action by action: each test drives the model into a situation and
// checks the successor the spec's action formula defines (the operator is named in the test).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "checker/engine/self_check.h"
#include "model/raft_model.h"

namespace model {
namespace {

class RaftModelTest : public testing::Test {
 protected:
  explicit RaftModelTest(ModelConfig c = {}) : m_(c) {
    std::vector<State> init;
    m_.InitialStates(init);
    s_ = init.front();
  }

  std::vector<Action> Enabled() const {
    std::vector<Action> out;
    m_.Actions(s_, out);
    return out;
  }
  bool IsEnabled(const Action& a) const {
    const std::vector<Action> all = Enabled();
    return std::find(all.begin(), all.end(), a) != all.end();
  }
  // Applies a after checking that it is enabled.
  void Do(const Action& a) {
    ASSERT_TRUE(IsEnabled(a)) << m_.Describe(a);
    m_.Apply(s_, a);
  }
  // The bag slot holding a message equal to m (count ignored), or -1.
  int SlotOf(const Message& m) const {
    for (int k = 0; k < s_.bag_size; ++k) {
      if (SlotKey(s_.bag[k]) == PackMessage(m)) return k;
    }
    return -1;
  }
  void Receive(const Message& m) {
    const int k = SlotOf(m);
    ASSERT_GE(k, 0) << RaftModel::DescribeMessage(m);
    Do({ActionKind::kReceive, 0, static_cast<std::uint8_t>(k)});
  }
  static Message VoteRequest(int from, int to, int term, int last_term = 0, int last_index = 0) {
    Message m;
    m.type = MessageType::kRequestVoteRequest;
    m.source = static_cast<std::uint8_t>(from);
    m.dest = static_cast<std::uint8_t>(to);
    m.term = static_cast<std::uint8_t>(term);
    m.last_log_term = static_cast<std::uint8_t>(last_term);
    m.last_log_index = static_cast<std::uint8_t>(last_index);
    return m;
  }
  static Message VoteResponse(int from, int to, int term, bool granted) {
    Message m;
    m.type = MessageType::kRequestVoteResponse;
    m.source = static_cast<std::uint8_t>(from);
    m.dest = static_cast<std::uint8_t>(to);
    m.term = static_cast<std::uint8_t>(term);
    m.granted = granted;
    return m;
  }
  // Server 0 wins term 2 with server 1's vote: Timeout, RequestVote to both, all received.
  void ElectServer0() {
    Do({ActionKind::kTimeout, 0, 0});
    for (int j : {0, 1}) {
      Do({ActionKind::kRequestVote, 0, static_cast<std::uint8_t>(j)});
      if (j == 1) Receive(VoteRequest(0, 1, 2));  // UpdateTerm first: the message stays
      Receive(VoteRequest(0, j, 2));
      Receive(VoteResponse(j, 0, 2, true));
    }
    Do({ActionKind::kBecomeLeader, 0, 0});
  }

  RaftModel m_;
  State s_;
};

TEST_F(RaftModelTest, Init_FollowersOfTerm1WithNextIndex1AndAnEmptyBag) {
  for (int i = 0; i < 3; ++i) {
    const Server& v = s_.servers[i];
    EXPECT_EQ(v.term, 1);
    EXPECT_EQ(v.role, Role::kFollower);
    EXPECT_EQ(v.voted_for, 0);
    EXPECT_EQ(v.log_len, 0);
    for (int j = 0; j < 3; ++j) {
      EXPECT_EQ(v.next_index[j], 1);  // nextIndex[i][i] too
      EXPECT_EQ(v.match_index[j], 0);
    }
  }
  EXPECT_EQ(s_.bag_size, 0);
  // Only Timeout(i) and Restart(i) are enabled: 3 + 3.
  EXPECT_EQ(Enabled().size(), 6u);
}

TEST_F(RaftModelTest, Timeout_CandidateOfTheNextTermWithNoVote) {
  Do({ActionKind::kTimeout, 0, 0});
  EXPECT_EQ(s_.servers[0].role, Role::kCandidate);
  EXPECT_EQ(s_.servers[0].term, 2);
  EXPECT_EQ(s_.servers[0].voted_for, 0);  // votes for itself only through RequestVote(i, i)
}

TEST_F(RaftModelTest, RequestVoteToItself_GrantsItsOwnVoteThroughTheBag) {
  Do({ActionKind::kTimeout, 0, 0});
  Do({ActionKind::kRequestVote, 0, 0});
  Receive(VoteRequest(0, 0, 2));
  EXPECT_EQ(s_.servers[0].voted_for, 1);
  EXPECT_EQ(SlotOf(VoteRequest(0, 0, 2)), -1);  // Reply discards the request
  Receive(VoteResponse(0, 0, 2, true));
  EXPECT_EQ(s_.servers[0].responded, 1);
  EXPECT_EQ(s_.servers[0].granted, 1);
  EXPECT_FALSE(IsEnabled({ActionKind::kRequestVote, 0, 0}));  // j in votesResponded
  EXPECT_FALSE(IsEnabled({ActionKind::kBecomeLeader, 0, 0}));  // 1 of 3 is no quorum
}

TEST_F(RaftModelTest, UpdateTerm_AdoptsTheTermAndLeavesTheMessageInTheBag) {
  Do({ActionKind::kTimeout, 0, 0});
  Do({ActionKind::kRequestVote, 0, 1});
  Receive(VoteRequest(0, 1, 2));
  EXPECT_EQ(s_.servers[1].term, 2);
  EXPECT_EQ(s_.servers[1].voted_for, 0);
  EXPECT_GE(SlotOf(VoteRequest(0, 1, 2)), 0);
  Receive(VoteRequest(0, 1, 2));  // now HandleRequestVoteRequest grants
  EXPECT_EQ(s_.servers[1].voted_for, 1);
  EXPECT_GE(SlotOf(VoteResponse(1, 0, 2, true)), 0);
}

TEST_F(RaftModelTest, HandleRequestVoteRequest_OneVotePerTerm) {
  Do({ActionKind::kTimeout, 0, 0});
  Do({ActionKind::kTimeout, 2, 0});
  Do({ActionKind::kRequestVote, 0, 1});
  Receive(VoteRequest(0, 1, 2));
  Receive(VoteRequest(0, 1, 2));
  Do({ActionKind::kRequestVote, 2, 1});
  Receive(VoteRequest(2, 1, 2));
  EXPECT_EQ(s_.servers[1].voted_for, 1);  // still server 0
  EXPECT_GE(SlotOf(VoteResponse(1, 2, 2, false)), 0);
}

TEST_F(RaftModelTest, BecomeLeader_SetsNextIndexForEveryServerItselfIncluded) {
  ElectServer0();
  const Server& v = s_.servers[0];
  EXPECT_EQ(v.role, Role::kLeader);
  for (int j = 0; j < 3; ++j) EXPECT_EQ(v.next_index[j], 1);
  EXPECT_FALSE(IsEnabled({ActionKind::kTimeout, 0, 0}));
  EXPECT_FALSE(IsEnabled({ActionKind::kAppendEntries, 0, 0}));  // i /= j
  EXPECT_TRUE(IsEnabled({ActionKind::kAdvanceCommitIndex, 0, 0}));  // even as a no-op
}

TEST_F(RaftModelTest, AppendEntries_CarriesAtMostOneEntryAndCommitCappedByIt) {
  ElectServer0();
  Do({ActionKind::kClientRequest, 0, 1});
  Do({ActionKind::kAppendEntries, 0, 1});
  ASSERT_EQ(s_.bag_size, 1);
  const Message m = UnpackMessage(s_.bag[0]);
  EXPECT_EQ(m.type, MessageType::kAppendEntriesRequest);
  EXPECT_EQ(m.prev_log_index, 0);
  EXPECT_EQ(m.entry.term, 2);
  EXPECT_EQ(m.entry.value, 1);
  EXPECT_EQ(m.commit, 0);
}

TEST_F(RaftModelTest, AppendEntriesRequest_AppendLeavesTheMessageThenAlreadyDoneReplies) {
  ElectServer0();
  Do({ActionKind::kClientRequest, 0, 1});
  Do({ActionKind::kAppendEntries, 0, 1});
  EXPECT_EQ(m_.BranchOf(s_, 0), ReceiveBranch::kAppendNoConflict);
  Do({ActionKind::kReceive, 0, 0});
  EXPECT_EQ(s_.servers[1].log_len, 1);
  ASSERT_EQ(s_.bag_size, 1);  // still there
  EXPECT_EQ(m_.BranchOf(s_, 0), ReceiveBranch::kAppendDone);
  Do({ActionKind::kReceive, 0, 0});
  const Message r = UnpackMessage(s_.bag[0]);
  EXPECT_EQ(r.type, MessageType::kAppendEntriesResponse);
  EXPECT_TRUE(r.success);
  EXPECT_EQ(r.match_index, 1);
  Do({ActionKind::kReceive, 0, 0});
  EXPECT_EQ(s_.servers[0].match_index[1], 1);
  EXPECT_EQ(s_.servers[0].next_index[1], 2);
  Do({ActionKind::kAdvanceCommitIndex, 0, 0});
  EXPECT_EQ(s_.servers[0].commit, 1);  // {0, 1} is a quorum, entry of term 2
}

TEST_F(RaftModelTest, Conflict_RemovesTheLastEntryWhateverTheIndexAndKeepsTheMessage) {
  // Server 1 holds [t1:v1, t1:v1] (written directly: no term-1 leader is needed to show the
  // rule), server 0 leads term 2 with [t2:v1] and sends entry 1 with prev 0.
  ElectServer0();
  s_.servers[1].log[0] = {1, 1};
  s_.servers[1].log[1] = {1, 1};
  s_.servers[1].log_len = 2;
  Do({ActionKind::kClientRequest, 0, 1});
  Do({ActionKind::kAppendEntries, 0, 1});
  EXPECT_EQ(m_.BranchOf(s_, 0), ReceiveBranch::kAppendConflict);
  Do({ActionKind::kReceive, 0, 0});
  EXPECT_EQ(s_.servers[1].log_len, 1);            // the last entry went, not the conflict
  EXPECT_EQ(s_.servers[1].log[1].term, 0);        // and its slot is zeroed (canonical)
  EXPECT_EQ(s_.bag_size, 1);
  Do({ActionKind::kReceive, 0, 0});               // still conflicting at index 1
  EXPECT_EQ(s_.servers[1].log_len, 0);
  Do({ActionKind::kReceive, 0, 0});               // now appended
  EXPECT_EQ(s_.servers[1].log[0].term, 2);
}

TEST_F(RaftModelTest, AppendEntriesRequest_LeaderOfTheSameTermCannotReceiveIt) {
  ElectServer0();
  Do({ActionKind::kAppendEntries, 0, 1});
  Message m = UnpackMessage(s_.bag[0]);
  // The same message addressed to the leader itself would be disabled: build that state.
  m.dest = 0;
  s_.bag[0] = PackMessage(m) | 1;
  EXPECT_EQ(m_.BranchOf(s_, 0), ReceiveBranch::kDisabled);
  EXPECT_FALSE(IsEnabled({ActionKind::kReceive, 0, 0}));
}

TEST_F(RaftModelTest, Restart_KeepsTermVoteAndLogButLosesTheRest) {
  ElectServer0();
  Do({ActionKind::kClientRequest, 0, 1});
  Do({ActionKind::kRestart, 0, 0});
  const Server& v = s_.servers[0];
  EXPECT_EQ(v.role, Role::kFollower);
  EXPECT_EQ(v.term, 2);
  EXPECT_EQ(v.voted_for, 1);
  EXPECT_EQ(v.log_len, 1);
  EXPECT_EQ(v.granted, 0);
  EXPECT_EQ(v.next_index[2], 1);
}

TEST_F(RaftModelTest, Bag_DuplicateCountsCopiesAndACountOfZeroIsGone) {
  Do({ActionKind::kTimeout, 0, 0});
  Do({ActionKind::kRequestVote, 0, 1});
  Do({ActionKind::kDuplicateMessage, 0, 0});
  EXPECT_EQ(SlotCount(s_.bag[0]), 2);
  EXPECT_EQ(s_.InFlight(), 2);
  Do({ActionKind::kDropMessage, 0, 0});
  Do({ActionKind::kDropMessage, 0, 0});
  EXPECT_EQ(s_.bag_size, 0);
  EXPECT_EQ(s_.bag[0], 0u);
}

TEST_F(RaftModelTest, InBounds_IsTlcsConstraint) {
  EXPECT_TRUE(m_.InBounds(s_));
  Do({ActionKind::kTimeout, 0, 0});  // term 2 = MaxTerm
  EXPECT_TRUE(m_.InBounds(s_));
  Do({ActionKind::kRequestVote, 0, 1});
  EXPECT_TRUE(m_.InBounds(s_));  // one message = MaxMsgs
  Do({ActionKind::kDuplicateMessage, 0, 0});
  EXPECT_FALSE(m_.InBounds(s_));  // two copies count twice
}

TEST_F(RaftModelTest, Encode_EqualStatesEqualBytesAndBagOrderIsCanonical) {
  // Two sends in either order give the same bag.
  State a = s_;
  m_.Apply(a, {ActionKind::kTimeout, 0, 0});
  State b = a;
  m_.Apply(a, {ActionKind::kRequestVote, 0, 1});
  m_.Apply(a, {ActionKind::kRequestVote, 0, 2});
  m_.Apply(b, {ActionKind::kRequestVote, 0, 2});
  m_.Apply(b, {ActionKind::kRequestVote, 0, 1});
  std::string ea, eb;
  m_.Encode(a, ea);
  m_.Encode(b, eb);
  EXPECT_EQ(ea, eb);
  EXPECT_EQ(ea.size(), 3 * sizeof(Server) + 2 * sizeof(Slot));
}

TEST_F(RaftModelTest, SelfCheck_DeterministicAndCanonical) {
  const raftcheck::engine::SelfCheckResult r =
      raftcheck::engine::SelfCheck(m_, {.max_states = 20000});
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_GT(r.revisits, 0u);
}

class CommitPriorTermTest : public RaftModelTest {
 protected:
  static ModelConfig WithBug() {
    ModelConfig c;
    c.Add(ModelBug::kCommitPriorTerm);
    return c;
  }
  CommitPriorTermTest() : RaftModelTest(WithBug()) {}
};

TEST_F(RaftModelTest, AdvanceCommitIndex_NeverCommitsAnEarlierTermEntry) {
  ElectServer0();
  s_.servers[0].log[0] = {1, 1};  // an entry of term 1, replicated on server 1
  s_.servers[0].log_len = 1;
  s_.servers[0].match_index[1] = 1;
  Do({ActionKind::kAdvanceCommitIndex, 0, 0});
  EXPECT_EQ(s_.servers[0].commit, 0);
}

TEST_F(CommitPriorTermTest, SeededBug_CommitsTheEarlierTermEntry) {
  ElectServer0();
  s_.servers[0].log[0] = {1, 1};
  s_.servers[0].log_len = 1;
  s_.servers[0].match_index[1] = 1;
  Do({ActionKind::kAdvanceCommitIndex, 0, 0});
  EXPECT_EQ(s_.servers[0].commit, 1);
}

// The config's own names (its JSON fields): model/ knows no command line.
TEST(ModelConfig, Validate_NamesTheBoundOutOfRange) {
  ModelConfig c;
  EXPECT_TRUE(c.Validate().ok());
  c.max_log = kLogCapacity;
  EXPECT_NE(c.Validate().message().find("max_log"), std::string::npos);
  c = {};
  c.servers = kMaxServers + 1;
  EXPECT_NE(c.Validate().message().find("nodes"), std::string::npos);
}

}  // namespace
}  // namespace model
