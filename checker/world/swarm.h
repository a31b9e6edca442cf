// SwarmChooser: how random simulation picks the next action in the cluster world.
//
// Plain mode picks uniformly. Swarm mode (Groce et al., "Swarm Testing") draws, at the start of
// each run, a weight per action kind, so that each run explores its own mix: some runs drop
// many messages, some none, some crash often, some propose a lot. Election timeouts always keep
// a floor weight so that elections are never starved. Swarm runs may also cut the network in
// two for a while: deliveries across the cut are disabled and drops across it favoured, until
// the partition heals.
#ifndef RAFTCHECK_CHECKER_WORLD_SWARM_H_
#define RAFTCHECK_CHECKER_WORLD_SWARM_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

#include "checker/engine/rng.h"
#include "checker/world/world_state.h"

namespace raftcheck {

class SwarmChooser {
 public:
  explicit SwarmChooser(bool swarm) : swarm_(swarm) {}

  // Draws this run's weights and partition rate (swarm mode); resets any partition.
  void BeginRun(engine::Rng& rng);
  std::size_t operator()(const WorldState& s, std::span<const WorldAction> enabled,
                         engine::Rng& rng);

 private:
  static constexpr int kKinds = kActionKindCount;
  bool Across(const WorldAction& a, const WorldState& s) const;

  bool swarm_;
  std::array<double, kKinds> weight_{};
  double partition_rate_ = 0;   // chance per step that a partition starts
  std::uint32_t side_ = 0;      // nodes on one side of the cut (bit per position)
  int partition_left_ = 0;      // steps until it heals
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_SWARM_H_
