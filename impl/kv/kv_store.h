// KvStore: the KV service's state machine, one per replica. It applies committed entries in
// log order and is carried whole in snapshots.
//
// Invariants:
//  1. applied() is the index of the last entry applied (or of the snapshot restored); Apply
//     takes exactly the next index.
//  2. Each client's requests take effect once, in its sequence order: a request whose seq is
//     the client's last applied one is a retry and answers that request's outcome again
//     without applying it; one below is stale (InvalidArgument), never applied. Only the last
//     outcome per client is kept (a client has at most one request outstanding, Jepsen's
//     model).
//  3. Snapshot() is canonical: two stores with equal contents, sessions and applied index
//     give equal bytes; Restore(Snapshot()) is an equal store.
#ifndef RAFTCHECK_IMPL_KV_KV_STORE_H_
#define RAFTCHECK_IMPL_KV_KV_STORE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "impl/bugs.h"
#include "impl/kv/kv_command.h"
#include "impl/status.h"
#include "impl/types.h"

namespace raft::kv {

class KvStore {
 public:
  KvStore() = default;
  // With seeded bugs (bugs.h; the store knows retry-applied-twice).
  explicit KvStore(BugSet bugs) : bugs_(bugs) {}

  // Applies committed entry e. Returns the outcome for its client, or nullopt for a leader's
  // no-op (empty data). Errors: InvalidArgument when e is not the next index (the store is
  // unchanged) or is a stale request (only the applied index moves: the entry is consumed);
  // Corruption when the data is not a request (likewise).
  Result<std::optional<Outcome>> Apply(const Entry& e);

  // The value of key as of applied() ("" is a value; nullopt: absent). A linearizable read
  // answers this only once applied() has reached the read's index (raw_node.h, ReadIndex).
  std::optional<std::string> Get(std::string_view key) const;
  Index applied() const { return applied_; }
  std::size_t size() const { return data_.size(); }

  // The canonical bytes of the whole store (invariant 3), for Snapshot::data.
  std::string Snapshot() const;
  // The store `data` holds, at `index` (the snapshot's). Errors: Corruption naming the byte
  // offset.
  static Result<KvStore> Restore(std::string_view data, Index index);

  bool operator==(const KvStore&) const = default;

 private:
  struct Session {
    std::uint64_t seq = 0;
    Outcome last;
    bool operator==(const Session&) const = default;
  };
  Outcome Execute(const Request& r);

  std::map<std::string, std::string, std::less<>> data_;
  std::map<std::uint64_t, Session> sessions_;
  Index applied_ = 0;
  BugSet bugs_;
};

}  // namespace raft::kv

#endif  // RAFTCHECK_IMPL_KV_KV_STORE_H_
