// The KV service's state machine (impl/kv/): requests as entry data, applying in log order,
// retries applied once, and snapshots that restore an equal store.
#include <gtest/gtest.h>

#include <string>

#include "impl/kv/kv_command.h"
#include "impl/kv/kv_store.h"

namespace raft::kv {
namespace {

Entry At(Index index, const Request& r) { return Entry{1, index, Encode(r)}; }

Request Put(std::uint64_t client, std::uint64_t seq, std::string key, std::string value) {
  return Request{Op::kPut, client, seq, std::move(key), std::move(value), ""};
}
Request Cas(std::uint64_t client, std::uint64_t seq, std::string key, std::string expected,
            std::string value) {
  return Request{Op::kCas, client, seq, std::move(key), std::move(value), std::move(expected)};
}
Request Get(std::uint64_t client, std::uint64_t seq, std::string key) {
  return Request{Op::kGet, client, seq, std::move(key), "", ""};
}

Outcome ApplyOk(KvStore& s, const Entry& e) {
  Result<std::optional<Outcome>> r = s.Apply(e);
  EXPECT_TRUE(r.ok()) << r.status().message();
  EXPECT_TRUE(r.ok() && r->has_value());
  return r.ok() && r->has_value() ? **r : Outcome{};
}

TEST(KvCommand, EncodeDecodeRoundTripsAndEveryTruncationIsCorruption) {
  const Request r = Cas(7, 3, "hello", "old", "world");
  const std::string data = Encode(r);
  Result<Request> back = Decode(data);
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, r);
  for (std::size_t n = 0; n < data.size(); ++n) {
    Result<Request> cut = Decode(std::string_view(data).substr(0, n));
    ASSERT_FALSE(cut.ok()) << n;
    EXPECT_EQ(cut.status().code(), Status::Code::kCorruption) << n;
  }
  EXPECT_FALSE(Decode(data + "x").ok());  // trailing bytes
  std::string bad_op = data;
  bad_op[1] = 9;
  EXPECT_NE(Decode(bad_op).status().message().find("unknown operation"), std::string::npos);
}

TEST(KvStore, PutGetAndCasFollowTheLog) {
  KvStore s;
  EXPECT_FALSE(ApplyOk(s, At(1, Get(1, 1, "k"))).ok);  // absent
  EXPECT_TRUE(ApplyOk(s, At(2, Cas(1, 2, "k", "", "a"))).ok);  // "" expected: create
  EXPECT_EQ(s.Get("k"), "a");
  const Outcome failed = ApplyOk(s, At(3, Cas(1, 3, "k", "zzz", "b")));
  EXPECT_FALSE(failed.ok);
  EXPECT_EQ(failed.value, "a");
  EXPECT_EQ(s.Get("k"), "a");
  EXPECT_TRUE(ApplyOk(s, At(4, Cas(1, 4, "k", "a", "b"))).ok);
  ApplyOk(s, At(5, Put(2, 1, "other", "x")));
  const Outcome read = ApplyOk(s, At(6, Get(2, 2, "k")));
  EXPECT_TRUE(read.ok);
  EXPECT_EQ(read.value, "b");
  EXPECT_EQ(s.applied(), 6u);
  EXPECT_EQ(s.size(), 2u);
}

TEST(KvStore, NoOpsMoveOnlyTheAppliedIndexAndIndexesMustFollow) {
  KvStore s;
  Result<std::optional<Outcome>> noop = s.Apply(Entry{1, 1, ""});
  ASSERT_TRUE(noop.ok());
  EXPECT_FALSE(noop->has_value());
  EXPECT_EQ(s.applied(), 1u);
  Result<std::optional<Outcome>> gap = s.Apply(At(3, Put(1, 1, "k", "v")));
  EXPECT_EQ(gap.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.applied(), 1u);
  EXPECT_FALSE(s.Get("k").has_value());
}

TEST(KvStore, ARetriedRequestAppliesOnceAndAStaleOneNever) {
  KvStore s;
  ApplyOk(s, At(1, Put(1, 1, "k", "a")));
  ApplyOk(s, At(2, Put(2, 1, "k", "b")));
  // Client 1's retry of its request 1, committed a second time: answered, not re-applied.
  ApplyOk(s, At(3, Put(1, 1, "k", "a")));
  EXPECT_EQ(s.Get("k"), "b");
  // A cas retried: the first outcome comes back although the comparison would now fail.
  EXPECT_TRUE(ApplyOk(s, At(4, Cas(2, 2, "k", "b", "c"))).ok);
  EXPECT_TRUE(ApplyOk(s, At(5, Cas(2, 2, "k", "b", "c"))).ok);
  EXPECT_EQ(s.Get("k"), "c");
  ApplyOk(s, At(6, Put(1, 2, "k", "d")));
  Result<std::optional<Outcome>> stale = s.Apply(At(7, Put(1, 1, "k", "a")));
  EXPECT_EQ(stale.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(s.Get("k"), "d");
  EXPECT_EQ(s.applied(), 7u);  // consumed, not applied
}

TEST(KvStore, SnapshotRestoresAnEqualStoreAndDamageIsCorruption) {
  KvStore s;
  ApplyOk(s, At(1, Put(1, 1, "b", "2")));
  ApplyOk(s, At(2, Put(2, 1, "a", "1")));
  ApplyOk(s, At(3, Cas(1, 2, "a", "nope", "x")));
  const std::string data = s.Snapshot();
  Result<KvStore> back = KvStore::Restore(data, s.applied());
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, s);
  EXPECT_EQ(back->Snapshot(), data);
  // The session travels too: a retry after the restore is still answered, not applied.
  EXPECT_FALSE(ApplyOk(*back, At(4, Cas(1, 2, "a", "nope", "x"))).ok);
  EXPECT_EQ(back->Get("a"), "1");
  for (std::size_t n = 0; n < data.size(); ++n) {
    Result<KvStore> cut = KvStore::Restore(std::string_view(data).substr(0, n), 3);
    ASSERT_FALSE(cut.ok()) << n;
    EXPECT_EQ(cut.status().code(), Status::Code::kCorruption) << n;
  }
  EXPECT_FALSE(KvStore::Restore(data + "x", 3).ok());
}

}  // namespace
}  // namespace raft::kv
