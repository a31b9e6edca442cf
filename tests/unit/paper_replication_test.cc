// The rules of the Raft paper §5.3 and §5.4.2 (log replication, commitment), one behaviour per
// test, on white-box Raft nodes.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "impl/harness/cluster.h"
#include "impl/raft.h"
#include "tests/unit/test_util.h"

namespace raft {
namespace {

using test::AcceptAppend;
using test::AllEntries;
using test::ElectLeader;
using test::ElectLeaderAndCommitNoop;
using test::EntriesWithTerms;
using test::Local;
using test::Msg;
using test::Proposal;
using test::Pump;
using test::StorageWith;
using test::TestNode;

// §5.3: "The leader appends the command to its log as a new entry, then issues AppendEntries
// RPCs in parallel to each of the other servers", each carrying the index and term of the entry
// that precedes the new ones. The entry is not committed yet.
TEST(PaperReplication, Propose_LeaderAppendsEntryThenSendsItToEveryFollower) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  const Index li = r.log().LastIndex();

  ASSERT_TRUE(r.Step(Proposal(1, "some data")).ok());

  EXPECT_EQ(r.log().LastIndex(), li + 1);
  EXPECT_EQ(r.log().committed(), li);
  const Entry want_entry{.term = 1, .index = li + 1, .data = "some data"};
  ASSERT_FALSE(r.log().UnstableEntries().empty());
  EXPECT_EQ(r.log().UnstableEntries().back(), want_entry);  // handed out to be persisted
  Message to2 = Msg(MessageType::kApp, 1, 2, 1);
  to2.index = li;
  to2.log_term = 1;
  to2.commit = li;
  to2.entries = {want_entry};
  Message to3 = to2;
  to3.to = 3;
  EXPECT_EQ(r.TakeMessages(), (std::vector<Message>{to2, to3}));
}

// §5.3: "A log entry is committed once the leader that created the entry has replicated it on
// a majority of the servers."
TEST(PaperReplication, HandleAppendResponse_CommitsOnceAMajorityHasTheEntry) {
  struct Case {
    int size;
    std::set<NodeId> acceptors;  // followers that acknowledge the new entry
    bool want_committed;
  };
  const Case cases[] = {
      {1, {}, true},      {3, {}, false},        {3, {2}, true},
      {3, {2, 3}, true},  {5, {}, false},        {5, {2}, false},
      {5, {2, 3}, true},  {5, {2, 3, 4, 5}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.size << " nodes, " << c.acceptors.size() << " acks");
    TestNode node(1, c.size);
    Raft& r = node.raft();
    ElectLeaderAndCommitNoop(r);
    const Index li = r.log().LastIndex();
    r.Step(Proposal(1, "some data"));

    for (const Message& m : r.TakeMessages()) {
      if (m.type == MessageType::kApp && c.acceptors.count(m.to)) r.Step(AcceptAppend(m));
    }

    EXPECT_EQ(r.log().committed() > li, c.want_committed);
  }
}

// §5.3: once committed, the entry is handed out to be applied, and "the leader keeps track of the
// highest index it knows to be committed, and it includes that index in future AppendEntries".
TEST(PaperReplication, HandleAppendResponse_CommittedEntryIsAppliedAndAnnounced) {
  TestNode node(1, 3);
  Raft& r = node.raft();
  ElectLeaderAndCommitNoop(r);
  r.mutable_log().AppliedTo(r.log().committed());
  const Index li = r.log().LastIndex();
  r.Step(Proposal(1, "some data"));

  for (const Message& m : r.TakeMessages()) r.Step(AcceptAppend(m));

  EXPECT_EQ(r.log().committed(), li + 1);
  EXPECT_EQ(r.log().NextCommittedEntries(),
            (std::vector<Entry>{{.term = 1, .index = li + 1, .data = "some data"}}));
  const std::vector<Message> out = r.TakeMessages();
  ASSERT_EQ(out.size(), 2u);
  for (const Message& m : out) {
    EXPECT_EQ(m.type, MessageType::kApp);
    EXPECT_EQ(m.commit, li + 1);
  }
}

// §5.3 end to end, through the Ready contract: a committed entry reaches every node's state
// machine (Ready::committed_entries), and none applies it before a majority holds it.
TEST(PaperReplication, Propose_EntryIsAppliedEverywhereOnlyAfterMajorityHoldsIt) {
  Cluster c(3);
  c.Campaign(1);
  c.DeliverAll();
  const std::size_t applied_before = c.host(1).applied().size();

  ASSERT_TRUE(c.Propose(1, "x").ok());
  EXPECT_EQ(c.host(1).applied().size(), applied_before);  // appended, not committed
  c.DeliverAll();

  for (NodeId id : {NodeId{1}, NodeId{2}, NodeId{3}}) {
    SCOPED_TRACE(testing::Message() << "node " << id);
    ASSERT_EQ(c.host(id).applied().size(), applied_before + 1);
    EXPECT_EQ(c.host(id).applied().back(), (Entry{.term = 1, .index = 2, .data = "x"}));
  }
}

// §5.3: committing an entry "also commits all preceding entries in the leader's log, including
// entries created by previous leaders", which are applied in log order.
TEST(PaperReplication, HandleAppendResponse_CommitsPrecedingEntriesOfEarlierLeaders) {
  const std::vector<Entry> earlier_logs[] = {
      {}, EntriesWithTerms(1, {2}), EntriesWithTerms(1, {1, 2}), EntriesWithTerms(1, {1})};
  for (const std::vector<Entry>& earlier : earlier_logs) {
    SCOPED_TRACE(testing::Message() << earlier.size() << " earlier entries");
    TestNode node(1, 3, StorageWith(earlier, HardState{.term = 2}));
    Raft& r = node.raft();
    std::vector<Message> out = ElectLeader(r);  // term 3
    r.Step(Proposal(1, "some data"));

    // Every follower acknowledges everything it is sent, until the leader has nothing to add.
    for (; !out.empty(); out = r.TakeMessages()) {
      for (const Message& m : out) {
        if (m.type == MessageType::kApp) r.Step(AcceptAppend(m));
      }
    }

    std::vector<Entry> want = earlier;
    const Index li = earlier.size();
    want.push_back({.term = 3, .index = li + 1});  // the new leader's no-op
    want.push_back({.term = 3, .index = li + 2, .data = "some data"});
    EXPECT_EQ(r.log().NextCommittedEntries(), want);
  }
}

// §5.3: "Once a follower learns that a log entry is committed, it applies the entry to its local
// state machine (in log order)"; it commits up to min(leader commit, last new entry).
TEST(PaperReplication, HandleAppendEntries_FollowerCommitsWhatTheLeaderCommitted) {
  struct Case {
    Index leader_commit;
    Index want_commit;
  };
  for (const Case c : {Case{1, 1}, Case{2, 2}, Case{5, 2}}) {
    SCOPED_TRACE(testing::Message() << "leader commit " << c.leader_commit);
    TestNode node(1, 3);
    Raft& r = node.raft();
    Message app = Msg(MessageType::kApp, 2, 1, 1);
    app.entries = {{.term = 1, .index = 1, .data = "a"}, {.term = 1, .index = 2, .data = "b"}};
    app.commit = c.leader_commit;

    r.Step(app);

    EXPECT_EQ(r.log().committed(), c.want_commit);
    const std::vector<Entry> want(app.entries.begin(), app.entries.begin() + c.want_commit);
    EXPECT_EQ(r.log().NextCommittedEntries(), want);
  }
}

// §5.3 consistency check: "If the follower does not find an entry in its log with the same index
// and term, then it refuses the new entries." A refusal carries etcd's hint (reject_hint,
// log_term): the last index at or below the probe whose term is at most the probe's term.
TEST(PaperReplication, HandleAppendEntries_ConsistencyCheckAcceptsOrRejectsWithHint) {
  struct Case {
    Term prev_term;
    Index prev_index;
    Message want;  // fields of the AppResp beyond type, from, to, term
  };
  auto accept = [](Index index) {
    Message m;
    m.index = index;
    return m;
  };
  auto reject = [](Index index, Index hint, Term hint_term) {
    Message m;
    m.index = index;
    m.reject = true;
    m.reject_hint = hint;
    m.log_term = hint_term;
    return m;
  };
  const Case cases[] = {
      {0, 0, accept(1)},           // below the commit index: answered with the commit index
      {1, 1, accept(1)},           // matches the committed entry
      {2, 2, accept(2)},           // matches the uncommitted entry
      {1, 2, reject(2, 1, 1)},     // index 2 exists with another term: hint the term-1 prefix
      {3, 3, reject(3, 2, 2)},     // index 3 does not exist: hint our last entry
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "prev (" << c.prev_index << ", t" << c.prev_term << ")");
    TestNode node(1, 3,
                  StorageWith(EntriesWithTerms(1, {1, 2}), HardState{.term = 2, .commit = 1}));
    Raft& r = node.raft();
    Message app = Msg(MessageType::kApp, 2, 1, 2);
    app.index = c.prev_index;
    app.log_term = c.prev_term;

    r.Step(app);

    Message want = c.want;
    want.type = MessageType::kAppResp;
    want.from = 1;
    want.to = 2;
    want.term = 2;
    EXPECT_EQ(r.TakeMessages(), std::vector<Message>{want});
    EXPECT_EQ(AllEntries(r.log()), EntriesWithTerms(1, {1, 2}));  // nothing was appended
  }
}

// §5.3: "If an existing entry conflicts with a new one (same index but different terms), delete
// the existing entry and all that follow it; append any new entries not already in the log."
// What changed is handed out as unstable entries, to be persisted.
TEST(PaperReplication, HandleAppendEntries_TruncatesOnlyFromTheFirstConflict) {
  struct Case {
    Index prev_index;
    Term prev_term;
    std::vector<Entry> entries;
    std::vector<Entry> want_log;
    std::vector<Entry> want_unstable;
  };
  const Case cases[] = {
      // Plain extension.
      {2, 2, EntriesWithTerms(3, {3}), EntriesWithTerms(1, {1, 2, 3}), EntriesWithTerms(3, {3})},
      // Conflict at index 2: 2 is replaced, 1 stays.
      {1, 1, EntriesWithTerms(2, {3, 4}), EntriesWithTerms(1, {1, 3, 4}),
       EntriesWithTerms(2, {3, 4})},
      // Everything already there: nothing changes, nothing to persist.
      {0, 0, EntriesWithTerms(1, {1}), EntriesWithTerms(1, {1, 2}), {}},
      // Conflict at the very first entry.
      {0, 0, EntriesWithTerms(1, {3}), EntriesWithTerms(1, {3}), EntriesWithTerms(1, {3})},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << "prev (" << c.prev_index << ", t" << c.prev_term << "), "
                                    << c.entries.size() << " entries");
    TestNode node(1, 3, StorageWith(EntriesWithTerms(1, {1, 2}), HardState{.term = 2}));
    Raft& r = node.raft();
    Message app = Msg(MessageType::kApp, 2, 1, 4);
    app.index = c.prev_index;
    app.log_term = c.prev_term;
    app.entries = c.entries;

    r.Step(app);

    EXPECT_EQ(AllEntries(r.log()), c.want_log);
    const auto unstable = r.log().UnstableEntries();
    EXPECT_EQ(std::vector<Entry>(unstable.begin(), unstable.end()), c.want_unstable);
  }
}

// §5.3 with reordering: an older, shorter append that arrives late matches a prefix of what the
// follower already has; it must not cut the entries after it (they may be committed already).
// Nor may the follower commit past what this append checked: entries after it are unverified.
TEST(PaperReplication, HandleAppendEntries_StaleAppendNeverTruncatesMatchingEntries) {
  struct Case {
    std::vector<Entry> entries;  // after prev (1, t1)
    Index want_ack;
  };
  const Case cases[] = {
      {EntriesWithTerms(2, {1}), 2},
      {EntriesWithTerms(2, {1, 1}), 3},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(testing::Message() << c.entries.size() << " entries");
    const std::vector<Entry> log = EntriesWithTerms(1, {1, 1, 1, 1});
    TestNode node(1, 3, StorageWith(log, HardState{.term = 1}));
    Raft& r = node.raft();
    Message app = Msg(MessageType::kApp, 2, 1, 1);
    app.index = 1;
    app.log_term = 1;
    app.entries = c.entries;
    app.commit = log.size();  // the leader has committed everything the follower holds

    r.Step(app);

    EXPECT_EQ(AllEntries(r.log()), log);
    EXPECT_FALSE(r.log().HasUnstableEntries());
    EXPECT_EQ(r.log().committed(), c.want_ack);
    Message ack = Msg(MessageType::kAppResp, 1, 2, 1);
    ack.index = c.want_ack;  // what this append covers, not the follower's last index
    EXPECT_EQ(r.TakeMessages(), std::vector<Message>{ack});
  }
}

// §5.3, Figure 7: a leader of term 8 brings each follower log (a)-(f) of the figure into line
// with its own: missing entries are filled in, extra and conflicting ones removed.
TEST(PaperReplication, Replicate_Figure7FollowerLogsConvergeToTheLeaders) {
  const std::vector<Entry> leader_log = EntriesWithTerms(1, {1, 1, 1, 4, 4, 5, 5, 6, 6, 6});
  const struct {
    const char* name;
    std::vector<Entry> log;
  } followers[] = {
      {"(a) missing one entry", EntriesWithTerms(1, {1, 1, 1, 4, 4, 5, 5, 6, 6})},
      {"(b) missing many", EntriesWithTerms(1, {1, 1, 1, 4})},
      {"(c) one extra of term 6", EntriesWithTerms(1, {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6})},
      {"(d) extra of term 7", EntriesWithTerms(1, {1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7})},
      {"(e) missing, extra of term 4", EntriesWithTerms(1, {1, 1, 1, 4, 4, 4, 4})},
      {"(f) extra of terms 2 and 3", EntriesWithTerms(1, {1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3})},
  };
  // Figure 7 shows the leader "when [it] comes to power" in term 8; the followers were last
  // in term 7 at most (log (d)).
  constexpr Term kTermBefore = 7;
  for (const auto& f : followers) {
    SCOPED_TRACE(f.name);
    TestNode leader(1, 3, StorageWith(leader_log, HardState{.term = kTermBefore}));
    TestNode follower(2, 3, StorageWith(f.log, HardState{.term = kTermBefore}));
    // Node 3 is not simulated: it votes for 1, and messages to it are lost. The follower's own
    // vote depends on its log (it refuses for (c) and (d)).
    leader->Step(Local(MessageType::kHup, 1));
    leader->Step(Msg(MessageType::kVoteResp, 3, 1, kTermBefore + 1));
    ASSERT_EQ(leader->role(), Role::kLeader);
    Pump({&leader.raft(), &follower.raft()});
    leader->Step(Proposal(1, "x"));
    Pump({&leader.raft(), &follower.raft()});

    std::vector<Entry> want = leader_log;
    want.push_back({.term = 8, .index = 11});                // no-op of the new leader
    want.push_back({.term = 8, .index = 12, .data = "x"});  // the proposal
    EXPECT_EQ(AllEntries(leader->log()), want);
    EXPECT_EQ(AllEntries(follower->log()), want);
    EXPECT_EQ(leader->log().committed(), 12u);
    EXPECT_EQ(follower->log().committed(), 12u);
  }
}

// §5.4.2, Figure 8: "Raft never commits log entries from previous terms by counting replicas.
// Only log entries from the leader's current term are committed by counting replicas; once an
// entry from the current term has been committed in this way, then all prior entries are
// committed indirectly."
TEST(PaperReplication, HandleAppendResponse_PriorTermEntryOnMajorityIsNotCommittedByCounting) {
  // The leader holds an entry of term 2 at index 2 and wins term 3 (no-op at index 3).
  TestNode node(1, 3, StorageWith(EntriesWithTerms(1, {1, 2}), HardState{.term = 2}));
  Raft& r = node.raft();
  ElectLeader(r);
  ASSERT_EQ(r.term(), 3u);
  Message ack = Msg(MessageType::kAppResp, 2, 1, 3);

  ack.index = 2;  // node 2 holds index 2 too: a majority (1 and 2) has the term-2 entry
  r.Step(ack);
  EXPECT_EQ(r.log().committed(), 0u);

  ack.index = 3;  // node 2 holds the no-op of term 3
  r.Step(ack);
  EXPECT_EQ(r.log().committed(), 3u);
  EXPECT_EQ(r.log().NextCommittedEntries().size(), 3u);  // entries 1 and 2 came along
}

}  // namespace
}  // namespace raft
