// The vocabulary of the Raft library: identifiers, log entries, persistent and volatile node
// state, and the messages nodes exchange. Plain values: copyable, comparable, no invariants.
#ifndef RAFTCHECK_IMPL_TYPES_H_
#define RAFTCHECK_IMPL_TYPES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace raft {

using NodeId = std::uint64_t;
using Term = std::uint64_t;
using Index = std::uint64_t;

// No node: "no vote cast", "no leader known", "no transfer in progress".
inline constexpr NodeId kNone = 0;

// What an entry's data is: the application's (kNormal), or a configuration change
// (kConfChange: data is a ConfChangeV2, impl/confchange/conf_change.h), which the application
// hands back to RawNode::ApplyConfChange when it applies the entry.
enum class EntryType : std::uint8_t { kNormal, kConfChange };

// One log entry. A normal entry with empty data is the no-op a new leader appends (Raft §8).
struct Entry {
  Term term = 0;
  Index index = 0;
  std::string data;
  EntryType type = EntryType::kNormal;
  bool operator==(const Entry&) const = default;
};

// The state a node must persist before it answers anyone (Raft Figure 2, "persistent state";
// commit is persisted too, as in etcd, so that a restart does not re-apply from scratch).
struct HardState {
  Term term = 0;
  NodeId vote = kNone;
  Index commit = 0;
  bool operator==(const HardState&) const = default;
  bool IsEmpty() const { return *this == HardState{}; }
};

// A cluster configuration, as a snapshot records it and ApplyConfChange returns it (etcd's
// ConfState). Outside a joint configuration voters_outgoing and learners_next are empty. In a
// joint one, voters is the incoming set and voters_outgoing the outgoing set; learners_next
// are outgoing voters that become learners when the joint configuration is left, and
// auto_leave says the leader leaves it by itself once it is applied. Every list is sorted.
struct ConfState {
  std::vector<NodeId> voters;
  std::vector<NodeId> learners;
  std::vector<NodeId> voters_outgoing;
  std::vector<NodeId> learners_next;
  bool auto_leave = false;
  bool operator==(const ConfState&) const = default;
  bool IsEmpty() const { return *this == ConfState{}; }
  // Only voters, as a configuration without membership changes has.
  bool IsVotersOnly() const {
    return learners.empty() && voters_outgoing.empty() && learners_next.empty() && !auto_leave;
  }
};

// What a snapshot covers: the log up to and including `index`, whose entry had term `term`.
struct SnapshotMetadata {
  Index index = 0;
  Term term = 0;
  ConfState conf_state;
  bool operator==(const SnapshotMetadata&) const = default;
};

// The application's state machine as of metadata.index (its bytes are the application's), with
// what Raft needs to continue the log after it. index 0: no snapshot.
struct Snapshot {
  std::string data;
  SnapshotMetadata metadata;
  bool IsEmpty() const { return metadata.index == 0; }
  bool operator==(const Snapshot&) const = default;
};

enum class Role : std::uint8_t { kFollower, kPreCandidate, kCandidate, kLeader };
const char* RoleName(Role role);

// Volatile state that the application may want to observe; never persisted.
struct SoftState {
  NodeId lead = kNone;
  Role role = Role::kFollower;
  bool operator==(const SoftState&) const = default;
};

enum class MessageType : std::uint8_t {
  // Local messages: a node steps them itself; never sent over the network.
  kHup,          // start an election (or a pre-election with PreVote)
  kBeat,         // leader: broadcast heartbeats
  kCheckQuorum,  // leader: step down unless a quorum was active recently
  // Network messages.
  kProp,            // proposal: append entries (forwarded by followers to the leader)
  kApp,             // AppendEntries request
  kAppResp,         // AppendEntries response (reject + reject_hint/log_term for backtracking)
  kVote,            // RequestVote
  kVoteResp,        //
  kPreVote,         // PreVote (Ongaro's thesis §9.6): would you vote for me at term+1?
  kPreVoteResp,     //
  kHeartbeat,       // leader liveness; carries commit = min(match, commit) and a read context
  kHeartbeatResp,   //
  kTimeoutNow,      // leadership transfer: campaign now, skipping PreVote and leases
  kTransferLeader,  // ask the leader to hand leadership to `from`
  kReadIndex,       // a follower forwards a read to its leader (context: the read's id)
  kReadIndexResp,   // the leader's read index for it (index; context: the read's id)
  kSnap,            // InstallSnapshot: the leader's snapshot, for a follower whose next entry
                    // the leader has compacted away (answered with an AppResp)
};
const char* MessageTypeName(MessageType type);
// The type named `name` ("App", "VoteResp", ...), if any.
std::optional<MessageType> MessageTypeFromName(std::string_view name);
// Local messages are never valid from the network.
bool IsLocalMessage(MessageType type);
// Responses: only meaningful from a known peer.
bool IsResponseMessage(MessageType type);

// One message. Which fields mean something depends on the type; unused fields stay zero.
struct Message {
  MessageType type = MessageType::kHup;
  NodeId from = kNone;
  NodeId to = kNone;
  Term term = 0;         // 0 for local messages and forwarded proposals / read requests
  Term log_term = 0;     // App: term at index; Vote: last log term; AppResp reject: hint term
  Index index = 0;       // App: index before entries; Vote: last index; AppResp: last matched
  Index commit = 0;      // App and Heartbeat: the leader's commit (Heartbeat: min(match, commit))
  bool reject = false;   // responses
  Index reject_hint = 0; // AppResp reject: where the leader should probe next
  std::vector<Entry> entries;
  std::string context;   // Vote/PreVote: "transfer" for forced campaigns; Heartbeat and its
                         // response: the read round (decimal); ReadIndex(Resp): the read id
  Snapshot snapshot;     // Snap only
  bool operator==(const Message&) const = default;
};

// The bytes an entry counts for against Config::max_size_per_msg: its data plus a fixed
// overhead for term and index (so that even empty entries take room, as on the wire).
inline constexpr std::uint64_t kEntryOverhead = 16;
inline std::uint64_t EntrySize(const Entry& e) { return e.data.size() + kEntryOverhead; }

// Compact human form, e.g. "App 1->2 t2 idx3 lt2 c3 [t2:x]".
// Entry data is shown as is, or as `data_text` renders it (an application's payload format).
using DataText = std::string (*)(std::string_view data);
std::string Describe(const Message& m, DataText data_text = nullptr);

// A linearizable read's name, given by the node that takes the request (RawNode::ReadIndex):
// unique over the node's life, restarts included (Config::incarnation is its high half).
using ReadId = std::uint64_t;

// The end of a read request (raw_node.h, "Linearizable reads"). ok: once the applied index
// reaches `index`, the state machine answers the read linearizably. Not ok: the node lost
// track of its leader before the read was confirmed (a new term, no leader, stepping down);
// nothing is known and the application may ask again.
struct ReadState {
  ReadId id = 0;
  Index index = 0;
  bool ok = true;
  bool operator==(const ReadState&) const = default;
};

}  // namespace raft

#endif  // RAFTCHECK_IMPL_TYPES_H_
