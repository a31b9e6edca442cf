#include "checker/world/time_chooser.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <utility>

#include "checker/world/liveness.h"
#include "impl/inspect.h"

namespace raftcheck {
namespace {

constexpr double kNever = std::numeric_limits<double>::infinity();

enum EventKind : int { kMessage, kNodeTick, kClient, kProposal, kTransferAsk, kCrashNode, kRestartNode };

const raft::Raft* LiveRaft(const WorldState& s, int i) {
  return s.host(i).up() ? &s.host(i).node().raft() : nullptr;
}

double Quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t k = std::min(v.size() - 1, static_cast<std::size_t>(q * (v.size() - 1) + 0.5));
  return v[k];
}

std::string Ms(double ms) {
  char buf[32];
  if (ms >= 1000) {
    std::snprintf(buf, sizeof buf, "%.2f s", ms / 1000);
  } else {
    std::snprintf(buf, sizeof buf, "%.0f ms", ms);
  }
  return buf;
}

std::string Spread(const std::vector<double>& v) {
  if (v.empty()) return "none";
  return "median " + Ms(Quantile(v, 0.5)) + ", p90 " + Ms(Quantile(v, 0.9)) + ", p99 " +
         Ms(Quantile(v, 0.99)) + ", max " + Ms(Quantile(v, 1.0)) + " (" +
         std::to_string(v.size()) + ")";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> TimeStats::Summary() const {
  std::vector<std::pair<std::string, std::string>> out;
  out.emplace_back("time_to_elect", Spread(elect_ms) + (runs_without_leader > 0
                                                            ? "; " + std::to_string(runs_without_leader) +
                                                                  " runs never elected"
                                                            : ""));
  out.emplace_back("time_to_commit", Spread(commit_ms));
  char rate[64];
  std::snprintf(rate, sizeof rate, "%.1f%% (%llu of %llu elections)",
                elections ? 100.0 * static_cast<double>(split_votes) / static_cast<double>(elections) : 0.0,
                static_cast<unsigned long long>(split_votes),
                static_cast<unsigned long long>(elections));
  out.emplace_back("split_votes", rate);
  return out;
}

TimeSchedule::TimeSchedule(const ClusterWorld& world, const registry::TimeRequest& options)
    : world_(world), options_(options) {
  const int et = world.config().election_tick;
  if (options_.timeout_window <= 0 || options_.timeout_window > et) options_.timeout_window = et;
  if (options_.progress_ticks <= 0) options_.progress_ticks = 10 * 2 * et;
}

void TimeSchedule::BeginRun(engine::Rng& rng) {
  if (in_run_) EndRun();
  in_run_ = true;
  rng_ = engine::Rng(rng.Next());
  const WorldConfig& c = world_.config();
  const double tick = options_.tick_ms;
  const double et_ms = ElectionTimeoutMs();
  auto u = [this] { return rng_.Uniform01(); };
  now_ = 0;
  healed_ = false;
  healed_at_ = 0;
  // The network: latencies well below a tick (a LAN under etcd's 100 ms tick), the slowest runs
  // up to a third of one; some runs lossy.
  latency_low_ = 0.5 + u() * 0.05 * tick;
  latency_high_ = latency_low_ + u() * u() * 0.3 * tick;
  drop_rate_ = c.drop && rng_.Below(2) == 0 ? 0.1 * u() : 0;
  // Clocks: a phase each, and a rate up to 5% off.
  const double skew = 0.05 * u();
  for (int i = 0; i < c.nodes; ++i) {
    rate_[i] = tick * (1 + skew * (2 * u() - 1));
    next_tick_[i] = u() * tick;
    timeout_[i] = DrawTimeout();
    last_elapsed_[i] = 0;
    restart_at_[i] = kNever;
  }
  // Partitions (full, one link, one way) and pauses, one after another in some runs; crashes.
  partitions_ = rng_.Below(4) != 0;
  partition_kind_ = 0;
  partition_from_ = partition_to_ = 0;
  if (partitions_) NextPartition();
  pauses_ = rng_.Below(3) == 0;
  paused_ = -1;
  pause_from_ = pause_to_ = 0;
  if (pauses_) NextPause();
  crash_rate_ = c.max_crashes > 0 && rng_.Below(2) == 0 ? 0.5 * u() / 1000 : 0;  // per ms
  next_fault_ = crash_rate_ > 0 ? -std::log(1 - u()) / crash_rate_ : kNever;
  for (int k = 0; k < kMaxClients; ++k) {
    next_op_[k] = u() * et_ms;
    invoked_at_[k] = 0;
    waiting_[k] = false;
  }
  next_propose_ = c.values > 0 ? u() * 2 * et_ms : kNever;
  next_transfer_ = c.transfer ? u() * 10 * et_ms : kNever;
  arrivals_.clear();
  first_leader_.reset();
  proposals_.clear();
  candidates_.clear();
  leaders_seen_.clear();
}

void TimeSchedule::NextPartition() {
  const WorldConfig& c = world_.config();
  const double et_ms = ElectionTimeoutMs();
  auto u = [this] { return rng_.Uniform01(); };
  partition_kind_ = 1 + static_cast<int>(rng_.Below(3));
  partition_from_ = now_ + u() * 5 * et_ms;
  partition_to_ = partition_from_ + (0.5 + 4 * u()) * et_ms;
  side_ = c.nodes > 1 ? 1 + static_cast<std::uint32_t>(rng_.Below((1ULL << c.nodes) - 2)) : 0;
  link_a_ = static_cast<int>(rng_.Below(static_cast<std::uint64_t>(c.nodes)));
  link_b_ = c.nodes > 1 ? (link_a_ + 1 + static_cast<int>(rng_.Below(static_cast<std::uint64_t>(c.nodes - 1)))) % c.nodes
                        : link_a_;
}

void TimeSchedule::NextPause() {
  const WorldConfig& c = world_.config();
  const double et_ms = ElectionTimeoutMs();
  paused_ = static_cast<int>(rng_.Below(static_cast<std::uint64_t>(c.nodes)));
  pause_from_ = now_ + rng_.Uniform01() * 10 * et_ms;
  pause_to_ = pause_from_ + (0.5 + 3 * rng_.Uniform01()) * et_ms;
}

double TimeSchedule::ElectionTimeoutMs() const {
  return static_cast<double>(options_.tick_ms) * world_.config().election_tick;
}

int TimeSchedule::DrawTimeout() {
  return world_.config().election_tick +
         static_cast<int>(rng_.Below(static_cast<std::uint64_t>(options_.timeout_window)));
}

double TimeSchedule::Latency() {
  return latency_low_ + (latency_high_ - latency_low_) * rng_.Uniform01();
}

bool TimeSchedule::Blocked(int from, int to) const {
  if (healed_ || now_ < partition_from_ || now_ >= partition_to_) return false;
  switch (partition_kind_) {
    case 1: return ((side_ >> from) & 1U) != ((side_ >> to) & 1U);
    case 2: return (from == link_a_ && to == link_b_) || (from == link_b_ && to == link_a_);
    case 3: return from == link_a_ && to == link_b_;
    default: return false;
  }
}

bool TimeSchedule::Paused(int node) const {
  return !healed_ && node == paused_ && now_ >= pause_from_ && now_ < pause_to_;
}

void TimeSchedule::SyncMessages(const WorldState& s) {
  // Every copy in flight has an arrival time; copies that left were taken by Pick (the
  // earliest), so any surplus is trimmed from the latest. One merge of two sorted lists.
  scratch_.clear();
  const Network& net = s.network;
  std::size_t old = 0;
  for (std::size_t i = 0; i < net.size();) {
    std::size_t j = i + 1;
    while (j < net.size() && net.code(j) == net.code(i)) ++j;
    while (old < arrivals_.size() && arrivals_[old].code < net.code(i)) ++old;
    Arrivals entry;
    if (old < arrivals_.size() && arrivals_[old].code == net.code(i)) {
      entry = std::move(arrivals_[old++]);
    } else {
      entry.code = net.code(i);
    }
    entry.pos = i;
    while (entry.times.size() > j - i) entry.times.pop_back();
    bool added = false;
    while (entry.times.size() < j - i) {
      entry.times.push_back(now_ + Latency());
      added = true;
    }
    if (added) std::sort(entry.times.begin(), entry.times.end());
    scratch_.push_back(std::move(entry));
    i = j;
  }
  arrivals_.swap(scratch_);
}

void TimeSchedule::Track(const WorldState& s) {
  if (!healed_ && partitions_ && now_ >= partition_to_) NextPartition();
  if (!healed_ && pauses_ && now_ >= pause_to_) NextPause();
  SyncMessages(s);
  if (!first_leader_ && LiveLeader(s) >= 0) first_leader_ = now_;
  if (s.leaders.size() != leaders_seen_.size()) leaders_seen_ = s.leaders;
  raft::Index commit = 0;
  for (int i = 0; i < s.size(); ++i) {
    const raft::Raft* r = LiveRaft(s, i);
    if (!r) continue;
    commit = std::max(commit, r->log().committed());
    if (r->role() == raft::Role::kCandidate) candidates_[r->term()] |= 1U << i;
    // A new round of the election timer (it was reset): a new draw, as the library makes.
    const int elapsed = raft::Inspector::ElectionElapsed(*r);
    if (elapsed < last_elapsed_[i]) {
      timeout_[i] = DrawTimeout();
    }
    last_elapsed_[i] = elapsed;
  }
  std::erase_if(proposals_, [&](const std::pair<raft::Index, double>& p) {
    if (commit < p.first) return false;
    totals_.commit_ms.push_back(now_ - p.second);
    return true;
  });
  for (int k = 0; k < world_.config().clients; ++k) {
    if (!waiting_[k] || Outstanding(s.ops, k)) continue;
    waiting_[k] = false;
    const auto last = std::find_if(s.ops.rbegin(), s.ops.rend(),
                                   [&](const ClientOp& op) { return op.client == k; });
    if (last != s.ops.rend() && last->outcome == ClientOutcome::kOk) {
      totals_.commit_ms.push_back(now_ - invoked_at_[k]);
    }
    next_op_[k] = now_ + rng_.Uniform01() * 2 * options_.tick_ms;
  }
}

std::optional<WorldAction> TimeSchedule::Pick(const WorldState& s,
                                              std::span<const WorldAction> enabled, bool faults) {
  auto is_enabled = [&](const WorldAction& a) {
    return std::find(enabled.begin(), enabled.end(), a) != enabled.end();
  };
  for (const WorldAction& a : enabled) {
    if (a.kind == ActionKind::kReady) return a;  // a node handles its Ready at once
  }
  const WorldConfig& c = world_.config();
  const double et_ms = ElectionTimeoutMs();
  for (int attempt = 0; attempt < 256; ++attempt) {
    // The earliest event.
    Event e{kNever, -1, 0};
    auto consider = [&](double at, int kind, int who) {
      if (at < e.at) e = Event{at, kind, who};
    };
    for (std::size_t k = 0; k < arrivals_.size(); ++k) {
      if (arrivals_[k].times.empty()) continue;
      const raft::Message& m = s.network.at(arrivals_[k].pos);
      double at = arrivals_[k].times.front();
      const int to = static_cast<int>(m.to) - 1;
      if (faults && to == paused_ && at >= pause_from_ && at < pause_to_) at = pause_to_;
      consider(at, kMessage, static_cast<int>(k));
    }
    for (int i = 0; i < s.size(); ++i) {
      if (!s.host(i).up()) {
        consider(restart_at_[i], kRestartNode, i);
        continue;
      }
      double at = next_tick_[i];
      if (faults && i == paused_ && at >= pause_from_ && at < pause_to_) at = pause_to_;
      consider(at, kNodeTick, i);
    }
    const bool more_ops = static_cast<int>(s.ops.size()) < c.ops;
    for (int k = 0; k < c.clients; ++k) {
      if (waiting_[k]) {
        consider(invoked_at_[k] + 5 * et_ms, kClient, k);  // gives up
      } else if (more_ops && (faults || !healed_)) {
        consider(next_op_[k], kClient, k);
      }
    }
    if (s.proposed < c.values && faults) consider(next_propose_, kProposal, 0);
    if (faults) {
      consider(next_transfer_, kTransferAsk, 0);
      consider(next_fault_, kCrashNode, 0);
    }
    if (e.at == kNever) return std::nullopt;
    now_ = std::max(now_, e.at);

    std::optional<WorldAction> a;
    switch (e.kind) {
      case kMessage: {
        std::vector<double>& times = arrivals_[e.who].times;
        const std::size_t pos = arrivals_[e.who].pos;
        const raft::Message& m = s.network.at(pos);
        const auto to = static_cast<std::uint8_t>(m.to - 1);
        const auto msg = static_cast<std::uint16_t>(pos);
        const bool cut = faults && Blocked(static_cast<int>(m.from) - 1, to);
        if (faults && c.duplicate && rng_.Uniform01() < 0.02) {
          a = WorldAction{ActionKind::kDuplicate, to, msg};
          break;  // the copy gets its own arrival
        }
        times.erase(times.begin());
        if (cut || (faults && rng_.Uniform01() < drop_rate_)) {
          if (c.drop) {
            a = WorldAction{ActionKind::kDrop, to, msg};
          } else {
            times.insert(times.begin(), std::max(now_, partition_to_));  // held until the cut heals
          }
        } else {
          a = WorldAction{ActionKind::kDeliver, to, msg};
        }
        break;
      }
      case kNodeTick: {
        const int i = e.who;
        const raft::Raft& r = s.host(i).node().raft();
        const auto node = static_cast<std::uint8_t>(i);
        WorldAction tick{ActionKind::kTick, node};
        if (r.role() != raft::Role::kLeader &&
            raft::Inspector::ElectionElapsed(r) + 1 >= timeout_[i]) {
          tick.kind = ActionKind::kTimeout;
        }
        if (!is_enabled(tick)) {
          // Held back by the drift bound: try again once another clock moved.
          next_tick_[i] = now_ + rate_[i] / 8;
          continue;
        }
        next_tick_[i] = now_ + rate_[i];
        a = tick;
        break;
      }
      case kClient: {
        const int k = e.who;
        const auto client = static_cast<std::uint8_t>(k);
        if (waiting_[k]) {
          const ClientOp* op = Outstanding(s.ops, k);
          waiting_[k] = false;
          next_op_[k] = now_ + rng_.Uniform01() * 2 * options_.tick_ms;
          if (op) a = WorldAction{.kind = ActionKind::kGiveUp, .node = op->node, .client = client};
          break;
        }
        std::vector<int> up;
        for (int i = 0; i < s.size(); ++i) {
          if (s.host(i).up()) up.push_back(i);
        }
        next_op_[k] = now_ + options_.tick_ms;  // if nothing can be invoked now
        if (up.empty()) continue;
        const int kinds = c.cas ? kClientOpKindCount : 2;
        WorldAction invoke{
            .kind = ActionKind::kInvoke,
            .node = static_cast<std::uint8_t>(up[rng_.Below(up.size())]),
            .client = client,
            .op = static_cast<ClientOpKind>(rng_.Below(static_cast<std::uint64_t>(kinds)))};
        if (!is_enabled(invoke)) continue;
        waiting_[k] = true;
        invoked_at_[k] = now_;
        a = invoke;
        break;
      }
      case kProposal: {
        next_propose_ = now_ + (0.5 + rng_.Uniform01()) * et_ms;
        const int leader = LiveLeader(s);
        if (leader < 0) {
          next_propose_ = now_ + options_.tick_ms;
          continue;
        }
        const WorldAction propose{ActionKind::kPropose, static_cast<std::uint8_t>(leader)};
        if (!is_enabled(propose)) continue;
        proposals_.emplace_back(s.host(leader).node().raft().log().LastIndex() + 1, now_);
        a = propose;
        break;
      }
      case kTransferAsk: {
        next_transfer_ = now_ + (2 + 10 * rng_.Uniform01()) * et_ms;
        const int leader = LiveLeader(s);
        if (leader < 0 || s.size() < 2) continue;
        const int target =
            (leader + 1 + static_cast<int>(rng_.Below(static_cast<std::uint64_t>(s.size() - 1)))) %
            s.size();
        const WorldAction transfer{.kind = ActionKind::kTransfer,
                                   .node = static_cast<std::uint8_t>(leader),
                                   .target = static_cast<std::uint8_t>(target)};
        if (!is_enabled(transfer)) continue;
        a = transfer;
        break;
      }
      case kCrashNode: {
        next_fault_ = now_ - std::log(1 - rng_.Uniform01()) / crash_rate_;
        const int i = static_cast<int>(rng_.Below(static_cast<std::uint64_t>(s.size())));
        for (const WorldAction& x : enabled) {
          if (x.kind == ActionKind::kCrash && x.node == i && x.after_ops == 0) {
            a = x;
            break;
          }
        }
        if (!a) continue;
        restart_at_[i] = c.restart ? now_ + (0.5 + 3 * rng_.Uniform01()) * et_ms : kNever;
        break;
      }
      case kRestartNode: {
        const WorldAction restart{ActionKind::kRestart, static_cast<std::uint8_t>(e.who)};
        restart_at_[e.who] = kNever;
        if (!is_enabled(restart)) continue;
        next_tick_[e.who] = now_ + rate_[e.who];
        a = restart;
        break;
      }
      default:
        break;
    }
    if (a && is_enabled(*a)) return a;
  }
  return std::nullopt;
}

std::size_t TimeSchedule::Choose(const WorldState& s, std::span<const WorldAction> enabled) {
  Track(s);
  const std::optional<WorldAction> a = Pick(s, enabled, /*faults=*/true);
  if (a) {
    for (std::size_t i = 0; i < enabled.size(); ++i) {
      if (enabled[i] == *a) return i;
    }
  }
  return static_cast<std::size_t>(rng_.Below(enabled.size()));
}

void TimeSchedule::Heal(const WorldState& s) {
  healed_ = true;
  healed_at_ = now_;
  // The faults stop: crashed nodes come back (with stay_down, only enough for a majority).
  int down = DownCount(s);
  const int may_stay_down = MayStayDown(world_, s);
  for (int i = 0; i < s.size(); ++i) {
    if (!s.host(i).up()) {
      restart_at_[i] = down > may_stay_down ? now_ : kNever;
      down -= down > may_stay_down;
    }
    if (i == paused_) next_tick_[i] = std::max(next_tick_[i], now_);
  }
  drop_rate_ = 0;
  partition_kind_ = 0;
  paused_ = -1;
}

std::optional<WorldAction> TimeSchedule::NextHealed(const WorldState& s) {
  if (!healed_) Heal(s);
  Track(s);
  if (proposals_.empty() && Settled(world_, s)) return std::nullopt;
  std::vector<WorldAction> enabled;
  world_.Actions(s, enabled);
  if (enabled.empty()) return std::nullopt;
  std::optional<WorldAction> a = Pick(s, enabled, /*faults=*/false);
  return a ? a : std::optional<WorldAction>(enabled.front());
}

bool TimeSchedule::OutOfTicks() const {
  return healed_ && now_ - healed_at_ > static_cast<double>(options_.progress_ticks) * options_.tick_ms;
}

// The fair schedule's own sentence, so that the trace's replay (which re-judges the last
// state with it) confirms the verdict word for word.
std::string TimeSchedule::Why(const WorldState& s) const {
  return NoProgressReason(world_, s);
}

void TimeSchedule::EndRun() {
  ++totals_.runs;
  if (first_leader_) {
    totals_.elect_ms.push_back(*first_leader_);
  } else {
    ++totals_.runs_without_leader;
  }
  if (candidates_.empty()) return;
  const std::uint64_t current = candidates_.rbegin()->first;
  for (const auto& [term, nodes] : candidates_) {
    if (term == current) continue;  // still being decided when the run ended
    ++totals_.elections;
    const bool won = std::any_of(leaders_seen_.begin(), leaders_seen_.end(),
                                 [&](const props::LeaderRecord& l) { return l.term == term; });
    if (!won && std::popcount(nodes) >= 2) ++totals_.split_votes;
  }
}

TimeStats TimeSchedule::Finish() {
  if (in_run_) EndRun();
  in_run_ = false;
  return totals_;
}

}  // namespace raftcheck
