#include "checker/world/liveness.h"

#include <algorithm>
#include <tuple>

#include "checker/engine/fingerprint.h"
#include "checker/engine/simulate.h"
#include "impl/inspect.h"
#include "checker/world/swarm.h"
#include "checker/world/world_properties.h"
#include "checker/world/world_system.h"

namespace raftcheck {

int LiveLeader(const WorldState& s) {
  int leader = -1;
  for (int i = 0; i < s.size(); ++i) {
    if (!s.host(i).up()) continue;
    const raft::Raft& r = s.host(i).node().raft();
    if (r.role() == raft::Role::kLeader &&
        (leader < 0 || r.term() > s.host(leader).node().raft().term())) {
      leader = i;
    }
  }
  return leader;
}

int DownCount(const WorldState& s) {
  int down = 0;
  for (int i = 0; i < s.size(); ++i) down += !s.host(i).up();
  return down;
}

int MayStayDown(const ClusterWorld& world, const WorldState& s) {
  return world.config().stay_down ? (s.size() - 1) / 2 : 0;
}

namespace {

// A timer firing or not: what the budget of a healed run counts.
bool IsTimer(const WorldAction& a) {
  return a.kind == ActionKind::kTick || a.kind == ActionKind::kTimeout ||
         a.kind == ActionKind::kHeartbeat;
}

// With ticks: the node furthest behind ticks (the lowest id among equals), its timer firing
// at the first tick its window allows.
WorldAction NextTick(const ClusterWorld& world, const WorldState& s) {
  int next = -1;
  for (int i = 0; i < s.size(); ++i) {
    if (s.host(i).up() && (next < 0 || s.clock[i] < s.clock[next])) next = i;
  }
  const raft::Raft& r = s.host(next).node().raft();
  const bool fire = r.role() != raft::Role::kLeader &&
                    raft::Inspector::ElectionElapsed(r) + 1 >= world.config().election_tick;
  return WorldAction{fire ? ActionKind::kTimeout : ActionKind::kTick,
                     static_cast<std::uint8_t>(next)};
}

// Whether s is short of settled; *why (when given) says what is missing, or, when s is
// settled, names its leader.
bool Unsettled(const ClusterWorld& world, const WorldState& s, std::string* why) {
  if (DownCount(s) > MayStayDown(world, s)) {
    if (why) *why = "too many nodes are down";
    return true;
  }
  const int leader = LiveLeader(s);
  if (leader < 0) {
    if (why) {
      raft::Term highest = 0;
      for (int i = 0; i < s.size(); ++i) {
        if (s.host(i).up()) highest = std::max(highest, s.host(i).node().raft().term());
      }
      *why = "no leader was elected (the highest term is " + std::to_string(highest) + ")";
    }
    return true;
  }
  const raft::Raft& r = s.host(leader).node().raft();
  const raft::Index last = r.log().LastIndex();
  const std::string head = "leader node " + std::to_string(leader + 1) + " (term " +
                           std::to_string(r.term()) + ") has last index " + std::to_string(last);
  if (r.log().committed() < last) {
    if (why) *why = head + " but commit " + std::to_string(r.log().committed());
    return true;
  }
  for (int i = 0; i < s.size(); ++i) {  // the first node that has not committed all of it
    if (!s.host(i).up() || i == leader || world.config().Cut(i, leader)) continue;
    const raft::Index commit = s.host(i).node().raft().log().committed();
    if (commit < last) {
      if (why) *why = head + " but node " + std::to_string(i + 1) + " has commit " +
                      std::to_string(commit);
      return true;
    }
  }
  if (why) *why = head;
  return false;
}

}  // namespace

bool Settled(const ClusterWorld& world, const WorldState& s) {
  return !Unsettled(world, s, nullptr);
}

bool Quiet(const ClusterWorld& world, const WorldState& s) {
  if (!s.network.empty()) return false;
  if (world.config().ready_action) {
    for (int i = 0; i < s.size(); ++i) {
      if (s.host(i).node().HasReady()) return false;
    }
  }
  return Settled(world, s);
}

std::optional<WorldAction> FairStep(const ClusterWorld& world, const WorldState& s) {
  if (DownCount(s) > MayStayDown(world, s)) {
    for (int i = 0; i < s.size(); ++i) {
      if (!s.host(i).up()) return WorldAction{ActionKind::kRestart, static_cast<std::uint8_t>(i)};
    }
  }
  if (world.config().ready_action) {
    for (int i = 0; i < s.size(); ++i) {
      if (s.host(i).node().HasReady()) {
        return WorldAction{ActionKind::kReady, static_cast<std::uint8_t>(i)};
      }
    }
  }
  if (!s.network.empty()) {
    return WorldAction{ActionKind::kDeliver, static_cast<std::uint8_t>(s.network.at(0).to - 1), 0};
  }
  if (Settled(world, s)) return std::nullopt;
  if (world.config().ticks) return NextTick(world, s);
  const int leader = LiveLeader(s);
  if (leader >= 0) return WorldAction{ActionKind::kHeartbeat, static_cast<std::uint8_t>(leader)};
  // The most up-to-date log wins every vote (Raft §5.4.1); ties go to the lowest id.
  int best = -1;
  for (int i = 0; i < s.size(); ++i) {
    if (!s.host(i).up()) continue;
    const raft::RaftLog& a = s.host(i).node().raft().log();
    if (best < 0 || std::make_tuple(a.LastTerm(), a.LastIndex()) >
                        std::make_tuple(s.host(best).node().raft().log().LastTerm(),
                                        s.host(best).node().raft().log().LastIndex())) {
      best = i;
    }
  }
  return WorldAction{ActionKind::kTimeout, static_cast<std::uint8_t>(best)};
}

Hold LeaderHolds(const ClusterWorld& world, const WorldState& quiet) {
  Hold out;
  WorldState cur = quiet;
  const int leader = LiveLeader(cur);
  const raft::Term term = cur.host(leader).node().raft().term();
  const std::uint64_t rounds = static_cast<std::uint64_t>(world.config().hold_ticks) *
                               static_cast<std::uint64_t>(cur.size() - DownCount(cur));
  const std::uint64_t max_actions = (rounds + 1) * 64;
  std::uint64_t tick_actions = 0;
  while (cur.broken.empty() && out.actions.size() < max_actions) {
    std::optional<WorldAction> a = FairStep(world, cur);
    if (!a) {
      if (tick_actions >= rounds) {
        out.held = true;
        return out;
      }
      a = NextTick(world, cur);  // time goes on under the settled cluster
    } else if (IsTimer(*a) && tick_actions >= rounds) {
      break;  // the hold is over and the cluster is short of settled
    }
    tick_actions += IsTimer(*a);
    world.Apply(cur, *a);
    out.actions.push_back(*a);
    const int now = LiveLeader(cur);
    if (now != leader || cur.host(now).node().raft().term() != term) break;
  }
  out.at_loss = std::move(cur);
  return out;
}

std::optional<WorldAction> FairStepHolding(const ClusterWorld& world, const WorldState& s) {
  if (std::optional<WorldAction> a = FairStep(world, s)) return a;
  if (world.config().hold_ticks == 0 || LeaderHolds(world, s).held) return std::nullopt;
  return NextTick(world, s);
}

std::string NoProgressReason(const ClusterWorld& world, const WorldState& s) {
  if (!s.broken.empty()) return "a node aborted: " + s.broken;
  std::string why;
  if (Unsettled(world, s, &why)) return why;
  if (!Quiet(world, s)) return why + ", but messages are still in flight";
  return why + ", but it does not keep its lead for " +
         std::to_string(world.config().hold_ticks) + " rounds of ticks";
}

bool QuietCache::Contains(std::uint64_t fingerprint) const {
  std::lock_guard<std::mutex> lock(mu_);
  return quiet_.contains(fingerprint);
}

void QuietCache::Insert(std::uint64_t fingerprint) {
  std::lock_guard<std::mutex> lock(mu_);
  quiet_.insert(fingerprint);
}

HealedOutcome HealedRun(const ClusterWorld& world, const WorldState& s, std::uint64_t ticks,
                        QuietCache* cache) {
  HealedOutcome out;
  WorldState cur = s;
  std::uint64_t tick_actions = 0;
  std::optional<std::uint64_t> settle_point;
  // Messages answer messages, but not forever: a step budget per round catches a loop.
  const std::uint64_t max_actions = (ticks + 1) * 64 * static_cast<std::uint64_t>(s.size());
  const auto up = [&] { return static_cast<std::uint64_t>(s.size() - DownCount(cur)); };
  // At a quiet point: whether the goal is reached there (with hold_ticks, its leader holds).
  Hold hold;
  const auto reached = [&] {
    if (world.config().hold_ticks > 0 && !(hold = LeaderHolds(world, cur)).held) return false;
    out.quiet = true;
    if (settle_point) cache->Insert(*settle_point);
    return true;
  };
  while (cur.broken.empty() && out.actions.size() < max_actions) {
    std::optional<WorldAction> a = FairStep(world, cur);
    if (!a) {  // quiet
      if (reached()) return out;
      // The same schedule up to where the leader was lost; on from there while the budget
      // lasts.
      for (const WorldAction& h : hold.actions) {
        tick_actions += IsTimer(h);
        out.actions.push_back(h);
      }
      cur = std::move(hold.at_loss);
      if (tick_actions >= ticks * up()) break;
      continue;
    }
    if (IsTimer(*a)) {
      if (cache && tick_actions == 0) {
        std::string code;
        world.Encode(cur, code);
        settle_point = engine::Fingerprint(code);
        if (cache->Contains(*settle_point)) {
          out.quiet = true;
          return out;
        }
      }
      if (tick_actions >= ticks * up()) break;
      ++tick_actions;
    }
    world.Apply(cur, *a);
    out.actions.push_back(*a);
  }
  // The budget is spent; what is in flight still lands. A quiet point there whose leader holds
  // passes; one whose leader does not is where the run ends, as replay judges it.
  while (cur.broken.empty() && out.actions.size() < max_actions) {
    const std::optional<WorldAction> a = FairStep(world, cur);
    if (!a) {
      if (reached()) return out;
      break;
    }
    if (IsTimer(*a)) break;
    world.Apply(cur, *a);
    out.actions.push_back(*a);
  }
  out.why = NoProgressReason(world, cur);
  return out;
}

LivenessResult CheckProgress(const ClusterWorld& world, const LivenessOptions& options) {
  engine::SimulationOptions so;
  so.seed = options.seed;
  so.runs = options.runs;
  so.max_steps = options.prefix_steps;
  so.fair_steps = options.fair_steps;
  const WorldProperties props(world);
  const auto r =
      engine::Simulate(world, props, so, SwarmChooser(options.swarm),
                               WorldSpec::Fair(world));
  LivenessResult out;
  out.runs_done = r.runs_done;
  out.steps = r.steps;
  if (r.counterexample) {
    out.violated = true;
    out.run = r.run;
    out.actions = r.counterexample->actions;
    out.message = r.counterexample->message;
  }
  return out;
}

}  // namespace raftcheck
