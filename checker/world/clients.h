// Clients of the cluster world, in Jepsen's model: each of WorldConfig::clients clients has at
// most one operation outstanding. It invokes put, get or cas on the one key "x" at a node that
// is up, through that node's KV service (impl/harness/kv_service.h); the operation completes
// when the node answers (ok, or fail when it certainly did not take effect), or stays
// indeterminate when the client gives up (Jepsen's :info) and moves on.
//
// The history of invocations and completions is ghost state of the world (WorldState::ops):
// the property "linearizable" reads it (properties/linearizable/), and it is part of a state's
// encoding, since it shapes that verdict.
//
// Values: the put or cas of the k-th operation of the run (k from 1) writes the value k; a cas
// expects the value of the last write invoked before it (absent, 0, when none). Values are
// the decimal text of k in the KV store.
#ifndef RAFTCHECK_CHECKER_WORLD_CLIENTS_H_
#define RAFTCHECK_CHECKER_WORLD_CLIENTS_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "impl/harness/kv_service.h"
#include "impl/kv/kv_command.h"
#include "properties/linearizable/history.h"

namespace raftcheck {

inline constexpr int kMaxClients = 4;
// Operations over a run; their values and sequence numbers stay below 128, so that the KV
// requests' bytes are all ASCII (traces hold entry data as JSON strings).
inline constexpr int kMaxOps = 100;
inline constexpr const char* kClientKey = "x";

enum class ClientOpKind : std::uint8_t { kPut, kGet, kCas };
inline constexpr int kClientOpKindCount = 3;
const char* ClientOpKindName(ClientOpKind kind);  // "put", "get", "cas"
std::optional<ClientOpKind> ClientOpKindFromName(std::string_view name);

enum class ClientOutcome : std::uint8_t { kPending, kOk, kFail, kInfo };

inline constexpr std::uint16_t kNotCompleted = std::numeric_limits<std::uint16_t>::max();

// One operation of the history. Positions count events (invocations and completions, a give-up
// included) from 0.
struct ClientOp {
  std::uint8_t client = 0;  // 0-based
  ClientOpKind kind = ClientOpKind::kGet;
  std::uint8_t node = 0;      // position of the node it was invoked at
  std::uint8_t seq = 0;       // the client's number for it, from 1 (kv::Request::seq)
  std::uint8_t value = 0;     // put, cas: the value written (its operation number)
  std::uint8_t expected = 0;  // cas: the value expected, 0 for absent
  std::uint8_t read = 0;      // get completed ok: the value read, 0 for absent
  ClientOutcome outcome = ClientOutcome::kPending;
  std::uint16_t invoke = 0;
  std::uint16_t complete = kNotCompleted;
  bool operator==(const ClientOp&) const = default;
};

// The operation the client has outstanding in `ops`, or nullptr.
const ClientOp* Outstanding(const std::vector<ClientOp>& ops, int client);
// The operation `client` invokes next as operation ops.size() + 1 at node, kind.
ClientOp NextOp(const std::vector<ClientOp>& ops, int client, int node, ClientOpKind kind,
                std::uint16_t position);
// The KV request that carries op.
raft::kv::Request RequestOf(const ClientOp& op);
// Records the service's reply in the op it answers, if that op is still outstanding (a client
// that gave up ignores late answers). Returns whether it did.
bool RecordReply(std::vector<ClientOp>& ops, const raft::KvReply& reply, std::uint16_t position);

// The world's history as the linearizability checker takes it (the "kv" model, one key).
linearizable::History ToHistory(const std::vector<ClientOp>& ops, std::size_t events);
// "client 1 put x=3 at node 2", for narrations.
std::string DescribeInvoke(const ClientOp& op);
// The data of a KV request entry, for message narrations ("c1#2 put x=3"); other data as is.
std::string DescribeEntryData(std::string_view data);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_CLIENTS_H_
