#include "impl/read_only.h"

#include <algorithm>

namespace raft {

void ReadOnly::Add(Index commit, const Message& request) {
  const std::string& ctx = ReadContext(request);
  for (const PendingRead& p : queue_) {
    if (ReadContext(p.request) == ctx) return;
  }
  queue_.push_back(PendingRead{commit, request, {}});
}

int ReadOnly::Ack(NodeId from, const std::string& context) {
  for (PendingRead& p : queue_) {
    if (ReadContext(p.request) != context) continue;
    if (std::find(p.acks.begin(), p.acks.end(), from) == p.acks.end()) p.acks.push_back(from);
    return static_cast<int>(p.acks.size());
  }
  return 0;
}

std::vector<PendingRead> ReadOnly::Release(const std::string& context) {
  auto it = std::find_if(queue_.begin(), queue_.end(), [&](const PendingRead& p) {
    return ReadContext(p.request) == context;
  });
  if (it == queue_.end()) return {};
  std::vector<PendingRead> ready(std::make_move_iterator(queue_.begin()),
                                 std::make_move_iterator(it + 1));
  queue_.erase(queue_.begin(), it + 1);
  return ready;
}

}  // namespace raft
