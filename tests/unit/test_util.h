// Small helpers shared by the unit tests of impl/: configs, messages, white-box nodes, and a
// minimal message pump for white-box Raft objects.
//
// Why a pump next to harness/Cluster: the white-box tests need what Cluster cannot give them:
// logs preloaded into storage before a node starts (Figure 7), the raw output of Raft::Step
// without a Ready in between, and the read states that NodeHost consumes.
#ifndef RAFTCHECK_TESTS_UNIT_TEST_UTIL_H_
#define RAFTCHECK_TESTS_UNIT_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "impl/config.h"
#include "impl/raft.h"
#include "impl/storage.h"
#include "impl/types.h"

namespace base {

inline void PrintTo(Status::Code c, std::ostream* os) { *os << Status::CodeName(c); }

}  // namespace base

namespace raft {

// gtest printers, so that failures show messages and roles instead of raw bytes.
inline void PrintTo(const Message& m, std::ostream* os) { *os << Describe(m); }
inline void PrintTo(const Entry& e, std::ostream* os) {
  *os << "{i" << e.index << " t" << e.term << " '" << e.data << "'}";
}
inline void PrintTo(Role r, std::ostream* os) { *os << RoleName(r); }
inline void PrintTo(MessageType t, std::ostream* os) { *os << MessageTypeName(t); }
inline void PrintTo(ProgressState s, std::ostream* os) { *os << ProgressStateName(s); }
inline void PrintTo(const HardState& hs, std::ostream* os) {
  *os << "{term " << hs.term << " vote " << hs.vote << " commit " << hs.commit << "}";
}
inline void PrintTo(const ReadState& rs, std::ostream* os) {
  *os << "{id " << rs.id << " index " << rs.index << (rs.ok ? " ok" : " failed") << "}";
}
namespace test {

// The timers of etcd-raft's own tests (newTestRaft(id, 10, 1, ...)): an election timeout of 10
// ticks and a heartbeat every tick. Tests that count ticks derive their counts from these.
inline constexpr int kElectionTick = 10;
inline constexpr int kHeartbeatTick = 1;
// No limit on the bytes of entry data per append message.
inline constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

// Ids 1..n.
inline std::vector<NodeId> Peers(int n) {
  std::vector<NodeId> ids;
  for (int i = 1; i <= n; ++i) ids.push_back(static_cast<NodeId>(i));
  return ids;
}

// A config for node `id` in a cluster of nodes 1..n, with the test timers above.
inline Config MakeConfig(NodeId id, int n, Storage* storage) {
  Config c;
  c.id = id;
  c.peers = Peers(n);
  c.election_tick = kElectionTick;
  c.heartbeat_tick = kHeartbeatTick;
  c.storage = storage;
  return c;
}

// Entries with consecutive indexes starting at `first`, one per term given, no data.
inline std::vector<Entry> EntriesWithTerms(Index first, std::initializer_list<Term> terms) {
  std::vector<Entry> out;
  for (Term t : terms) out.push_back(Entry{t, first++, ""});
  return out;
}

// A network message of `type` from `from` to `to` at `term`; other fields zero.
inline Message Msg(MessageType type, NodeId from, NodeId to, Term term) {
  Message m;
  m.type = type;
  m.from = from;
  m.to = to;
  m.term = term;
  return m;
}

// Local requests, built the way Raft::Tick and RawNode build them: no term, no addressee,
// from the node itself.
inline Message Local(MessageType type, NodeId self) {
  Message m;
  m.type = type;
  m.from = self;
  return m;
}
inline Message Proposal(NodeId self, std::string data) {
  Message m = Local(MessageType::kProp, self);
  m.entries.push_back(Entry{0, 0, std::move(data)});
  return m;
}

// The response of a follower that accepted every entry of `app`.
inline Message AcceptAppend(const Message& app) {
  Message r = Msg(MessageType::kAppResp, app.to, app.from, app.term);
  r.index = app.index + app.entries.size();
  return r;
}

inline std::vector<Message> OfType(const std::vector<Message>& msgs, MessageType type) {
  std::vector<Message> out;
  for (const Message& m : msgs) {
    if (m.type == type) out.push_back(m);
  }
  return out;
}
inline std::vector<Message> To(const std::vector<Message>& msgs, NodeId to) {
  std::vector<Message> out;
  for (const Message& m : msgs) {
    if (m.to == to) out.push_back(m);
  }
  return out;
}

// Every entry a RaftLog holds, stable and unstable, FirstIndex() first (index 1 unless it was
// compacted).
inline std::vector<Entry> AllEntries(const RaftLog& log) {
  Result<std::vector<Entry>> all = log.EntriesFrom(log.FirstIndex(), kNoLimit);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  return all.ok() ? std::move(all).value() : std::vector<Entry>{};
}

// One white-box node: its storage and a Raft reading it. Neither copyable nor movable (the Raft
// points at the storage); hold it by unique_ptr when a container is needed.
class TestNode {
 public:
  // Starts node `id` of nodes 1..n from `storage` (its log and hard state), with `tweak` applied
  // to the config before the Raft is built.
  TestNode(NodeId id, int n, MemoryStorage storage = {},
           const std::function<void(Config&)>& tweak = {})
      : storage_(std::move(storage)) {
    Config c = MakeConfig(id, n, &storage_);
    if (tweak) tweak(c);
    EXPECT_TRUE(c.Validate().ok()) << c.Validate().ToString();
    raft_ = std::make_unique<Raft>(c);
  }
  TestNode(const TestNode&) = delete;
  TestNode& operator=(const TestNode&) = delete;

  Raft& raft() { return *raft_; }
  Raft* operator->() { return raft_.get(); }
  MemoryStorage& storage() { return storage_; }

 private:
  MemoryStorage storage_;
  std::unique_ptr<Raft> raft_;
};

// A storage holding `entries` and the hard state `hs`.
inline MemoryStorage StorageWith(const std::vector<Entry>& entries, HardState hs = {}) {
  MemoryStorage s;
  s.Append(entries);
  s.SetHardState(hs);
  return s;
}

// A snapshot at (index, term) of the configuration 1..n, holding `data`.
inline Snapshot MakeSnapshot(Index index, Term term, int n, std::string data = "") {
  return Snapshot{.data = std::move(data),
                  .metadata = {.index = index, .term = term, .conf_state = {Peers(n)}}};
}

// A storage compacted to a snapshot at (index, term) of nodes 1..n and nothing after it, as a
// node has after installing it: hard state at that term, committed to the snapshot.
inline MemoryStorage SnapshotStorage(Index index, Term term, int n) {
  MemoryStorage s;
  EXPECT_TRUE(s.ApplySnapshot(MakeSnapshot(index, term, n)).ok());
  s.SetHardState(HardState{.term = term, .commit = index});
  return s;
}

// A Storage over a MemoryStorage that fails on demand, for the error paths (a disk that cannot
// read, a snapshot still being built).
class FaultyStorage final : public Storage {
 public:
  explicit FaultyStorage(MemoryStorage inner) : inner_(std::move(inner)) {}

  HardState InitialState() const override { return inner_.InitialState(); }
  ConfState InitialConfState() const override { return inner_.InitialConfState(); }
  Result<std::vector<Entry>> Entries(Index lo, Index hi, std::uint64_t max_size) const override {
    if (!entries_error_.ok()) return entries_error_;
    return inner_.Entries(lo, hi, max_size);
  }
  Result<Term> TermAt(Index i) const override {
    if (!term_error_.ok() && i == term_error_index_) return term_error_;
    return inner_.TermAt(i);
  }
  Index FirstIndex() const override { return inner_.FirstIndex(); }
  Index LastIndex() const override { return inner_.LastIndex(); }
  Result<Snapshot> GetSnapshot() const override {
    if (snapshot_unavailable_) return Status::Unavailable("snapshot being built");
    return inner_.GetSnapshot();
  }

  MemoryStorage& inner() { return inner_; }
  // TermAt(i) answers `error` (OK: no fault).
  void FailTermAt(Index i, Status error) {
    term_error_index_ = i;
    term_error_ = std::move(error);
  }
  void FailEntries(Status error) { entries_error_ = std::move(error); }
  void SetSnapshotUnavailable(bool unavailable) { snapshot_unavailable_ = unavailable; }

 private:
  MemoryStorage inner_;
  Index term_error_index_ = 0;
  Status term_error_;
  Status entries_error_;
  bool snapshot_unavailable_ = false;
};

// Drives `r` through an election in which every peer grants its (pre-)vote, and returns what
// it sent upon winning (the appends of its no-op entry). Fails the test if it does not win.
inline std::vector<Message> ElectLeader(Raft& r) {
  r.Step(Local(MessageType::kHup, r.id()));
  // One round for PreVote, one for the vote itself.
  for (int round = 0; round < 2 && r.role() != Role::kLeader; ++round) {
    for (const Message& m : r.TakeMessages()) {
      if (m.type != MessageType::kVote && m.type != MessageType::kPreVote) continue;
      const MessageType resp =
          m.type == MessageType::kVote ? MessageType::kVoteResp : MessageType::kPreVoteResp;
      r.Step(Msg(resp, m.to, m.from, m.term));
    }
  }
  EXPECT_EQ(r.role(), Role::kLeader);
  return r.TakeMessages();
}

// Makes `r` a leader and has every follower acknowledge its no-op, so that the leader has
// committed an entry of its term and every follower is in the replicate state. Drops the
// messages that follow (appends that carry the new commit index).
inline void ElectLeaderAndCommitNoop(Raft& r) {
  for (const Message& m : ElectLeader(r)) {
    if (m.type == MessageType::kApp) r.Step(AcceptAppend(m));
  }
  r.TakeMessages();
}

// Delivers messages among `nodes` until none is left or `max_messages` were delivered. A message
// to a node not in `nodes` is dropped, as is one for which `deliver_if` (when given) is false;
// `deliver_if` also lets a test watch the traffic. Returns how many messages were delivered.
inline int Pump(const std::vector<Raft*>& nodes,
                const std::function<bool(const Message&)>& deliver_if = {},
                int max_messages = 100000) {
  int delivered = 0;
  bool progress = true;
  while (progress && delivered < max_messages) {
    progress = false;
    for (Raft* from : nodes) {
      for (const Message& m : from->TakeMessages()) {
        progress = true;
        if (deliver_if && !deliver_if(m)) continue;
        for (Raft* to : nodes) {
          if (to->id() == m.to) {
            to->Step(m);
            ++delivered;
          }
        }
      }
    }
  }
  return delivered;
}

}  // namespace test
}  // namespace raft

#endif  // RAFTCHECK_TESTS_UNIT_TEST_UTIL_H_
