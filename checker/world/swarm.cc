#include "checker/world/swarm.h"

#include <vector>

namespace raftcheck {
namespace {

// Weight ranges per action kind, relative to delivering a message (1.0). A fault kind may be
// switched off for a whole run (swarm testing's point: leaving features out finds bugs that
// their presence would mask).
struct Range {
  double low, high;
  bool may_be_off;
};
constexpr Range kRanges[] = {
    {1.0, 1.0, false},   // deliver
    {0.0, 0.4, true},    // drop
    {0.0, 0.3, true},    // duplicate
    {0.05, 0.6, false},  // timeout: never starved
    {0.05, 0.6, false},  // heartbeat
    {0.05, 0.6, false},  // propose
    {0.0, 0.15, true},   // crash
    {0.1, 1.0, false},   // restart
    {0.5, 1.0, false},   // ready
    {0.0, 0.3, true},    // compact
    {0.05, 0.6, false},  // invoke: clients never starved
    {0.0, 0.2, true},    // give up
    {0.3, 1.0, false},   // tick: time never stops
    {0.0, 0.1, true},    // transfer
};
static_assert(std::size(kRanges) == kActionKindCount);
// The first kind added after the swarm's weights were first drawn (see BeginRun).
constexpr int kFirstLaterKind = static_cast<int>(ActionKind::kCompact);

}  // namespace

void SwarmChooser::BeginRun(engine::Rng& rng) {
  side_ = 0;
  partition_left_ = 0;
  partition_rate_ = 0;
  // Kinds added later (kFirstLaterKind on) draw from a fork of the run's generator, so that the
  // runs of every seed stay exactly what they were before (tests and the README quote them).
  engine::Rng later = rng;
  later = engine::Rng(later.Next() ^ 0xA5A5A5A5A5A5A5A5ULL);
  for (int k = 0; k < kKinds; ++k) {
    const Range& r = kRanges[k];
    engine::Rng& draw = k < kFirstLaterKind ? rng : later;
    if (!swarm_) {
      weight_[k] = 1.0;
    } else if (r.may_be_off && draw.Below(4) == 0) {
      weight_[k] = 0.0;
    } else {
      weight_[k] = r.low + (r.high - r.low) * draw.Uniform01();
    }
  }
  if (swarm_ && rng.Below(2) == 0) partition_rate_ = 0.05 * rng.Uniform01();
}

bool SwarmChooser::Across(const WorldAction& a, const WorldState& s) const {
  const raft::Message& m = s.network.at(a.msg);
  const bool from_side = (side_ >> (m.from - 1)) & 1U;
  const bool to_side = (side_ >> (m.to - 1)) & 1U;
  return from_side != to_side;
}

std::size_t SwarmChooser::operator()(const WorldState& s, std::span<const WorldAction> enabled,
                                     engine::Rng& rng) {
  if (partition_left_ > 0) {
    --partition_left_;
  } else if (partition_rate_ > 0 && rng.Uniform01() < partition_rate_ && s.size() > 1) {
    // A random proper, non-empty subset of the nodes on one side; it lasts 5..60 steps.
    side_ = 1 + static_cast<std::uint32_t>(rng.Below((1ULL << s.size()) - 2));
    partition_left_ = 5 + static_cast<int>(rng.Below(56));
  }
  std::vector<double> w(enabled.size());
  double total = 0;
  for (std::size_t i = 0; i < enabled.size(); ++i) {
    const WorldAction& a = enabled[i];
    w[i] = weight_[static_cast<int>(a.kind)];
    if (partition_left_ > 0 && (a.kind == ActionKind::kDeliver || a.kind == ActionKind::kDrop) &&
        Across(a, s)) {
      w[i] = a.kind == ActionKind::kDeliver ? 0.0 : 1.0;  // the cut loses what crosses it
    }
    total += w[i];
  }
  if (total <= 0) return static_cast<std::size_t>(rng.Below(enabled.size()));
  double x = rng.Uniform01() * total;
  for (std::size_t i = 0; i < enabled.size(); ++i) {
    if (x < w[i]) return i;
    x -= w[i];
  }
  return enabled.size() - 1;
}

}  // namespace raftcheck
