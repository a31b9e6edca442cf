// Virtual-time simulation of the cluster world (`raftcheck simulate --time`, needs --ticks).
//
// Where the swarm chooser (swarm.h) picks actions by weight, TimeChooser runs a clock: each run
// draws its network (a latency range, a drop rate), its clocks (a rate skew per node) and its
// faults (a partition that is full, of one link, or one-way; a paused node; crashes) and then
// picks, at every step, the enabled action of the earliest event: a message arriving after its
// latency, a node's next tick, a client's next operation, a fault starting or ending. Nodes tick
// every --tick-ms of virtual time; a follower's election timer is drawn per round, uniformly in
// the library's window [e, 2e) or a narrower one (--timeout-window). The world's own bounds
// still hold: with the default --drift 0 no node's clock runs ahead, so a pause or a skew holds
// every clock back (--drift 255 lets them run free).
//
// Faults happen in the first part of a run only: from `heal_ms` on, the network is whole, no
// node is paused and crashed nodes restart. With `simulate --liveness --time` the run's random
// phase is that faulty part and the fair phase is the healed part (TimeFair below): from there
// a leader must be elected and every proposal committed within --progress-ticks ticks.
//
// Statistics over all runs (TimeStats): virtual time to the first leader, from a proposal or a
// client's invocation to its commit or answer, and the split-vote rate (terms in which two or
// more nodes campaigned and nobody won).
#ifndef RAFTCHECK_CHECKER_WORLD_TIME_CHOOSER_H_
#define RAFTCHECK_CHECKER_WORLD_TIME_CHOOSER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "checker/engine/rng.h"
#include "checker/registry/system.h"
#include "checker/world/cluster_world.h"
#include "checker/world/world_state.h"

namespace raftcheck {

// Figures over runs, in virtual milliseconds.
struct TimeStats {
  std::vector<double> elect_ms;     // per run that elected one: to its first leader
  std::vector<double> commit_ms;    // per proposal or client operation answered
  std::uint64_t runs = 0;
  std::uint64_t runs_without_leader = 0;
  std::uint64_t elections = 0;      // terms in which some node campaigned (finished terms)
  std::uint64_t split_votes = 0;    // of those: two or more candidates, no leader
  // One line per figure ("time to elect: median 1.2 s, p99 ..."), for the report.
  std::vector<std::pair<std::string, std::string>> Summary() const;
};

// The shared state of a run: the chooser and the fair phase drive the same clock.
class TimeSchedule {
 public:
  // options.timeout_window 0: election_tick; options.progress_ticks 0: 20 election timeouts.
  TimeSchedule(const ClusterWorld& world, const registry::TimeRequest& options);

  void BeginRun(engine::Rng& rng);
  // The next action (an index into enabled), faults included while not healed.
  std::size_t Choose(const WorldState& s, std::span<const WorldAction> enabled);
  // The healed phase: the next action, or nullopt once a leader is up and every node has
  // committed the leader's whole log (the goal).
  std::optional<WorldAction> NextHealed(const WorldState& s);
  bool OutOfTicks() const;
  std::string Why(const WorldState& s) const;
  // Folds the last run's figures into the totals (BeginRun does it for the runs before).
  TimeStats Finish();

 private:
  struct Event {
    double at = 0;
    int kind = 0;  // EventKind (time_chooser.cc)
    int who = 0;
  };
  void Heal(const WorldState& s);
  void NextPartition();
  void NextPause();
  void Track(const WorldState& s);
  void SyncMessages(const WorldState& s);
  double Latency();
  double ElectionTimeoutMs() const;
  int DrawTimeout();  // a round's randomized timeout, in ticks
  bool Blocked(int from, int to) const;
  bool Paused(int node) const;
  std::optional<WorldAction> Pick(const WorldState& s, std::span<const WorldAction> enabled,
                                  bool faults);
  void EndRun();

  const ClusterWorld& world_;
  registry::TimeRequest options_;
  engine::Rng rng_{0};
  bool in_run_ = false;
  // This run.
  double now_ = 0;
  double heal_ms_ = 0;
  bool healed_ = false;
  double healed_at_ = 0;
  double latency_low_ = 1, latency_high_ = 10, drop_rate_ = 0;
  std::array<double, kMaxNodes> rate_{};       // ms per tick of each node's clock
  std::array<double, kMaxNodes> next_tick_{};
  std::array<int, kMaxNodes> timeout_{};        // this round's draw, in ticks
  std::array<int, kMaxNodes> last_elapsed_{};
  bool partitions_ = false, pauses_ = false;     // this run has them, one after another
  int partition_kind_ = 0;                      // 0 none, 1 full, 2 one link, 3 one way
  std::uint32_t side_ = 0;                      // full: the nodes on one side
  int link_a_ = 0, link_b_ = 0;                 // one link (both ways), or one way a -> b
  double partition_from_ = 0, partition_to_ = 0;
  int paused_ = -1;
  double pause_from_ = 0, pause_to_ = 0;
  double crash_rate_ = 0;                       // crashes per virtual second
  double next_fault_ = 0;
  std::array<double, kMaxNodes> restart_at_{};
  std::array<double, kMaxClients> next_op_{};
  std::array<double, kMaxClients> invoked_at_{};
  std::array<bool, kMaxClients> waiting_{};
  double next_propose_ = 0;
  double next_transfer_ = 0;
  // The in-flight messages' arrival times, one entry per distinct message in network order
  // (both sorted by encoding), the earliest copy first.
  struct Arrivals {
    std::string code;
    std::size_t pos = 0;          // its first copy in the network
    std::vector<double> times;    // one per copy, ascending
  };
  std::vector<Arrivals> arrivals_, scratch_;
  // Figures of this run.
  std::optional<double> first_leader_;
  std::vector<std::pair<raft::Index, double>> proposals_;  // index at the leader, proposed at
  std::map<std::uint64_t, std::uint32_t> candidates_;      // term -> nodes that campaigned
  std::vector<props::LeaderRecord> leaders_seen_;          // the ghost history's leaders
  TimeStats totals_;
};

// engine::Simulate's chooser (shares its schedule with TimeFair).
class TimeChooser {
 public:
  explicit TimeChooser(std::shared_ptr<TimeSchedule> schedule) : schedule_(std::move(schedule)) {}
  void BeginRun(engine::Rng& rng) { schedule_->BeginRun(rng); }
  std::size_t operator()(const WorldState& s, std::span<const WorldAction> enabled,
                         engine::Rng&) {
    return schedule_->Choose(s, enabled);
  }

 private:
  std::shared_ptr<TimeSchedule> schedule_;
};

// engine::Simulate's fair scheduler for --liveness --time: the healed part of the run.
class TimeFair {
 public:
  explicit TimeFair(std::shared_ptr<TimeSchedule> schedule) : schedule_(std::move(schedule)) {}
  std::optional<WorldAction> Next(const WorldState& s) const { return schedule_->NextHealed(s); }
  bool GaveUp(const WorldState&) const { return schedule_->OutOfTicks(); }
  std::string Why(const WorldState& s) const { return schedule_->Why(s); }

 private:
  std::shared_ptr<TimeSchedule> schedule_;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_TIME_CHOOSER_H_
