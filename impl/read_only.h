// ReadOnly: the leader's queue of linearizable read requests waiting for a heartbeat round to
// confirm that it is still the leader (Raft thesis §6.4, "read-only queries").
//
// A request records the commit index when it arrived; once a majority has acknowledged a
// heartbeat carrying its context, that request and every earlier one are ready to answer.
#ifndef RAFTCHECK_IMPL_READ_ONLY_H_
#define RAFTCHECK_IMPL_READ_ONLY_H_

#include <string>
#include <vector>

#include "impl/types.h"

namespace raft {

struct PendingRead {
  Index index = 0;           // the leader's commit index when the request arrived
  Message request;           // the original kReadIndex (context in entries[0].data)
  std::vector<NodeId> acks;  // who acknowledged a heartbeat carrying this context
  bool operator==(const PendingRead&) const = default;
};

class ReadOnly {
 public:
  // Queues a request unless one with the same context is already queued.
  void Add(Index commit, const Message& request);
  // Records that `from` acknowledged `context`; returns how many acks it has now (0 if unknown).
  int Ack(NodeId from, const std::string& context);
  // Removes and returns every request up to and including the one with `context`.
  std::vector<PendingRead> Release(const std::string& context);
  bool Empty() const { return queue_.empty(); }
  std::size_t Size() const { return queue_.size(); }
  void Clear() { queue_.clear(); }
  bool operator==(const ReadOnly&) const = default;

 private:
  std::vector<PendingRead> queue_;  // arrival order
};

// The context a read request carries.
inline const std::string& ReadContext(const Message& m) { return m.entries.front().data; }

}  // namespace raft

#endif  // RAFTCHECK_IMPL_READ_ONLY_H_
