// KvService: the KV service of one node, as a server runs it over its NodeHost. Clients'
// requests come in; a put or cas is proposed as a log entry (kv_command.h) and answered when
// this node applies it; a get asks the node for a linearizable read (raw_node.h, ReadIndex)
// and is answered once this node has applied through the read's index. This is the path of a
// client's `put` through etcd's KV server: propose, commit, apply, answer.
//
// The service's store (kv_store.h) is the KV reading of the host's state machine, the list of
// applied entries (node_host.h, invariant 3): it follows the list as it grows and replays it
// when a crash took the list back, so the KV state travels in snapshots, and survives
// restarts, exactly as the applied entries do. Entries that are not requests (a leader's
// no-op, other payloads) change nothing in it.
//
// Invariants:
//  1. Every request taken is answered at most once, by Submit (at once) or by Poll (later); a
//     crash drops the pending ones unanswered (their clients learn nothing: Jepsen's :info).
//  2. After Poll, store().applied() == host.applied().size().
//  3. A get is answered only after its ReadState came back ok and store().applied() has
//     reached its index; a ReadState that is not ok fails it.
//  4. A write is answered only once this node applied an entry holding it: with the outcome
//     the store gave (a retried request answers its first application's outcome).
#ifndef RAFTCHECK_IMPL_HARNESS_KV_SERVICE_H_
#define RAFTCHECK_IMPL_HARNESS_KV_SERVICE_H_

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "impl/bugs.h"
#include "impl/harness/node_host.h"
#include "impl/kv/kv_command.h"
#include "impl/kv/kv_store.h"
#include "impl/types.h"

namespace raft {

// The service's answer to a client's request.
struct KvReply {
  std::uint64_t client = 0;
  std::uint64_t seq = 0;
  // The request took effect (a get: was served). False: it certainly did not (no leader to
  // take it, a read that failed, a cas whose comparison failed): Jepsen's :fail.
  bool ok = false;
  kv::Outcome outcome;  // when ok: a get's value, a cas's previous value
  bool operator==(const KvReply&) const = default;
};

class KvService {
 public:
  // A request the service took and has not answered.
  struct Pending {
    kv::Request request;
    ReadId read = 0;        // a get: the id the node gave its read
    bool confirmed = false; // a get: its ReadState came back ok, with index read_index
    Index read_index = 0;
    bool operator==(const Pending&) const = default;
  };

  // Seeded bugs (bugs.h): the service knows read-before-applied and ack-before-commit, its
  // store retry-applied-twice.
  explicit KvService(BugSet bugs = {}) : store_(bugs), bugs_(bugs) {}

  // Takes request r at host. REQUIRES: host.up(), r.op is kPut, kGet or kCas, and r.client
  // has no other request pending here. Returns the answer when it is known at once: a
  // failure when the node cannot take the request (it knows no leader; the proposal was
  // dropped). Otherwise the answer comes from a later Poll, or never (a crash, or a proposal
  // lost on its way to the leader or overwritten there).
  std::optional<KvReply> Submit(NodeHost& host, const kv::Request& r);
  // After host handled its Readies: `reads` are the read states they carried. Brings the
  // store up to host's applied entries and returns the answers now due, in order.
  std::vector<KvReply> Poll(const NodeHost& host, std::span<const ReadState> reads);
  // The node crashed: the pending requests are lost (invariant 1).
  void Crash() { pending_.clear(); }

  const kv::KvStore& store() const { return store_; }
  const std::vector<Pending>& pending() const { return pending_; }
  bool operator==(const KvService&) const = default;

 private:
  // Applies host's applied entries the store has not (invariant 2), answering pending writes.
  void CatchUp(const NodeHost& host, std::vector<KvReply>* replies);

  std::vector<Pending> pending_;
  kv::KvStore store_;
  BugSet bugs_;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_HARNESS_KV_SERVICE_H_
