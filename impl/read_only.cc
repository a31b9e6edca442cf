#include "impl/read_only.h"

#include <algorithm>
#include <charconv>

namespace raft {
namespace {

std::optional<std::uint64_t> ParseDecimal(const std::string& s) {
  std::uint64_t v = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (s.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

}  // namespace

std::uint64_t ReadOnly::Add(const ReadRequest& request, Index commit, NodeId self) {
  queue_.push_back(PendingRead{request, commit, ++rounds_, {self}});
  return rounds_;
}

bool ReadOnly::Contains(const ReadRequest& request) const {
  return std::any_of(queue_.begin(), queue_.end(),
                     [&](const PendingRead& p) { return p.request == request; });
}

std::vector<PendingRead> ReadOnly::Ack(NodeId from, std::uint64_t round,
                                       const quorum::JointConfig& voters) {
  for (PendingRead& p : queue_) {
    if (p.round > round) break;
    if (std::find(p.acks.begin(), p.acks.end(), from) == p.acks.end()) p.acks.push_back(from);
  }
  auto confirmed = std::find_if(queue_.begin(), queue_.end(), [&](const PendingRead& p) {
    return !voters.IsQuorum([&](int half, std::size_t k) {
      const NodeId id = (half == 0 ? voters.incoming : voters.outgoing).ids()[k];
      return std::find(p.acks.begin(), p.acks.end(), id) != p.acks.end();
    });
  });
  std::vector<PendingRead> ready(std::make_move_iterator(queue_.begin()),
                                 std::make_move_iterator(confirmed));
  queue_.erase(queue_.begin(), confirmed);
  return ready;
}

void ReadOnly::Tick(int cap) {
  for (PendingRead& p : queue_) p.age = std::min(p.age + 1, cap);
}

std::vector<PendingRead> ReadOnly::TakeAll() {
  std::vector<PendingRead> all;
  all.swap(queue_);
  return all;
}

std::string RoundContext(std::uint64_t round) {
  return round == 0 ? std::string() : std::to_string(round);
}

std::optional<std::uint64_t> ParseRoundContext(const std::string& context) {
  const std::optional<std::uint64_t> round = ParseDecimal(context);
  if (!round || *round == 0) return std::nullopt;
  return round;
}

std::string ReadIdContext(ReadId id) { return std::to_string(id); }

std::optional<ReadId> ParseReadIdContext(const std::string& context) {
  const std::optional<std::uint64_t> id = ParseDecimal(context);
  if (!id || *id == 0) return std::nullopt;
  return id;
}

}  // namespace raft
