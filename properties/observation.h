// Observation: what the properties may see of a Raft system, whether it comes from the real
// impl/ nodes (the cluster world) or from an abstract model state. Plain data, no behaviour.
//
// Nodes are numbered by position (node i has id i + 1). Log and applied positions are Raft
// indexes minus one. Values are small integers; 0 is a leader's no-op entry, and from
// kClientRequestValue on a value names a client's request (client and sequence number).
#ifndef RAFTCHECK_PROPERTIES_OBSERVATION_H_
#define RAFTCHECK_PROPERTIES_OBSERVATION_H_

#include <cstdint>
#include <string>
#include <vector>

namespace props {

// Values at and above this are client requests: kClientRequestValue + 256 * client + seq.
inline constexpr std::uint32_t kClientRequestValue = 0x10000;
// "v3" for a value, "c1#2" for a client's request (0, the no-op, is the caller's to show).
inline std::string ValueText(std::uint32_t value) {
  if (value < kClientRequestValue) return "v" + std::to_string(value);
  const std::uint32_t request = value - kClientRequestValue;
  return "c" + std::to_string(request / 256) + "#" + std::to_string(request % 256);
}

enum class NodeRole : std::uint8_t { kFollower, kPreCandidate, kCandidate, kLeader };

struct LogEntry {
  std::uint64_t term = 0;
  std::uint32_t value = 0;
  bool operator==(const LogEntry&) const = default;
};

struct NodeView {
  bool up = true;                   // false while crashed (only the durable fields mean anything)
  std::uint64_t term = 0;
  std::uint64_t vote = 0;           // node id, 0 for none
  NodeRole role = NodeRole::kFollower;
  // The log as the node sees it (persisted or not), from index 1: entries a snapshot covers
  // are shown as the snapshot holds them, so that a compacted log reads like any other.
  std::vector<LogEntry> log;
  std::uint64_t commit = 0;
  std::vector<LogEntry> applied;    // what the state machine applied, in order
  std::uint64_t snapshot_index = 0; // the last index its (durable) snapshot covers; 0: none

  // Durable state, when the system separates it from volatile state (has_durable).
  bool has_durable = false;
  std::uint64_t durable_term = 0;
  std::vector<LogEntry> durable_log;

  // A leader's view of each node's log (by position; own entry included). Empty otherwise.
  std::vector<std::uint64_t> match;
  std::vector<std::uint64_t> next;
};

// The earliest evidence that index `index` is committed: the entry, and the lowest term of a
// node that counted it as committed.
struct CommitRecord {
  std::uint64_t index = 0;
  LogEntry entry;
  std::uint64_t term = 0;
  bool operator==(const CommitRecord&) const = default;
};

struct LeaderRecord {
  std::uint64_t term = 0;
  std::uint32_t node = 0;  // position
  bool operator==(const LeaderRecord&) const = default;
  auto operator<=>(const LeaderRecord&) const = default;
};

struct Observation {
  std::vector<NodeView> nodes;
  // Ghost history, kept by systems that can afford it (has_history); the abstract model keeps
  // none so that its state counts stay comparable with TLC's.
  bool has_history = false;
  std::vector<LeaderRecord> leaders;     // every (term, node) ever leader, sorted, unique
  std::vector<CommitRecord> committed;   // committed[i] is about index i + 1

  int Majority() const { return static_cast<int>(nodes.size()) / 2 + 1; }
};

}  // namespace props

#endif  // RAFTCHECK_PROPERTIES_OBSERVATION_H_
