#include "traces/minimize.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "traces/replay.h"

namespace traces {
namespace {

using nlohmann::json;

// Holds the best trace so far and tries candidates against it.
class Shrinker {
 public:
  Shrinker(const Trace& t, const Minimizable& system, MinimizeStats* stats)
      : system_(system), stats_(stats), property_(t.verdict->property), best_(t) {}

  const Trace& best() const { return best_; }

  // Repeats the stages while a round makes the trace shorter or less interleaved.
  void Run() {
    Record("input");
    for (int round = 1; round <= 8; ++round) {
      const auto before = Cost(best_);
      const std::string r = round > 1 ? "round " + std::to_string(round) + ": " : "";
      Ddmin();
      Record(r + "ddmin");
      RemoveSingles();
      Record(r + "single removal");
      RemovePairs();
      Record(r + "pair removal");
      SimplerFaults();
      Record(r + "simpler faults");
      FewerSwitches();
      Record(r + "fewer switches");
      if (Cost(best_) >= before) break;
    }
  }

 private:
  // Shorter first, then fewer interleaving switches.
  std::pair<std::size_t, std::size_t> Cost(const Trace& t) const {
    return {t.actions.size(), Switches(t.actions)};
  }

  std::size_t Switches(const std::vector<json>& actions) const {
    std::size_t switches = 0;
    for (std::size_t i = 1; i < actions.size(); ++i) {
      switches += system_.actor(actions[i]) != system_.actor(actions[i - 1]);
    }
    return switches;
  }

  // The candidate as replayed, if it still breaks the property.
  std::optional<Trace> Test(std::vector<json> actions, const json& config) {
    Trace candidate = best_;
    candidate.actions = std::move(actions);
    candidate.config = config;
    ++stats_->replays;
    if (!system_.breaks(property_, &candidate)) return std::nullopt;
    return candidate;
  }

  // Adopts the candidate when it breaks the property and costs less than the best.
  bool TryShorter(std::vector<json> actions) {
    std::optional<Trace> t = Test(std::move(actions), best_.config);
    if (!t || Cost(*t) >= Cost(best_)) return false;
    best_ = std::move(*t);
    return true;
  }

  static std::vector<json> Without(const std::vector<json>& xs, std::size_t begin,
                                   std::size_t end) {
    std::vector<json> out(xs.begin(), xs.begin() + static_cast<std::ptrdiff_t>(begin));
    out.insert(out.end(), xs.begin() + static_cast<std::ptrdiff_t>(end), xs.end());
    return out;
  }

  // Delta debugging over complements: remove one of n chunks; on success keep the granularity
  // (one chunk fewer), else halve the chunks, down to single actions.
  void Ddmin() {
    std::size_t n = 2;
    while (best_.actions.size() >= 2) {
      const std::size_t len = best_.actions.size();
      n = std::min(n, len);
      const std::size_t chunk = (len + n - 1) / n;
      bool reduced = false;
      // Later chunks first: removing late actions rarely disables the rest.
      for (std::size_t k = (len + chunk - 1) / chunk; k-- > 0 && !reduced;) {
        const std::size_t begin = k * chunk;
        reduced = TryShorter(Without(best_.actions, begin, std::min(len, begin + chunk)));
      }
      if (reduced) {
        n = std::max<std::size_t>(n - 1, 2);
      } else if (n >= len) {
        break;
      } else {
        n = std::min(2 * n, len);
      }
    }
  }

  void RemoveSingles() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = best_.actions.size(); i-- > 0;) {
        if (i < best_.actions.size() && TryShorter(Without(best_.actions, i, i + 1))) {
          changed = true;
        }
      }
    }
  }

  // Two actions at once, anywhere in the trace: steps that only matter together, such as a
  // timeout and the delivery of the vote request it sent. Quadratic in candidates, so only
  // for traces that earlier stages brought down to kMaxPairLength.
  void RemovePairs() {
    static constexpr std::size_t kMaxPairLength = 150;
    for (bool changed = true; changed && best_.actions.size() <= kMaxPairLength;) {
      changed = false;
      for (std::size_t j = best_.actions.size(); j-- > 1 && !changed;) {
        for (std::size_t i = j; i-- > 0 && !changed;) {
          std::vector<json> without = Without(best_.actions, j, j + 1);
          without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
          changed = TryShorter(std::move(without));
        }
      }
    }
  }

  // Every fault of one class at once (single removal already tried them one by one), then
  // the config tightened to what the trace uses.
  void SimplerFaults() {
    std::vector<std::string> classes;
    for (const json& a : best_.actions) {
      const std::string f = system_.fault(a);
      if (!f.empty() && std::find(classes.begin(), classes.end(), f) == classes.end()) {
        classes.push_back(f);
      }
    }
    for (const std::string& f : classes) {
      std::vector<json> kept;
      for (const json& a : best_.actions) {
        if (system_.fault(a) != f) kept.push_back(a);
      }
      TryShorter(std::move(kept));
    }
    const json tight = system_.tighten(best_);
    if (tight != best_.config) {
      if (std::optional<Trace> t = Test(best_.actions, tight); t && Cost(*t) <= Cost(best_)) {
        best_ = std::move(*t);
      }
    }
  }

  // Moves an action back to just after the previous action of the same node, when the
  // trace still breaks the property with fewer switches between nodes.
  void FewerSwitches() {
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t i = 1; i < best_.actions.size(); ++i) {
        const int who = system_.actor(best_.actions[i]);
        std::size_t j = i;
        while (j > 0 && system_.actor(best_.actions[j - 1]) != who) --j;
        if (j == 0 || j == i) continue;  // no earlier action of this node, or already adjacent
        std::vector<json> moved = best_.actions;
        std::rotate(moved.begin() + static_cast<std::ptrdiff_t>(j),
                    moved.begin() + static_cast<std::ptrdiff_t>(i),
                    moved.begin() + static_cast<std::ptrdiff_t>(i + 1));
        if (TryShorter(std::move(moved))) changed = true;
      }
    }
  }

  void Record(const std::string& stage) {
    stats_->stages.push_back(MinimizeStats::Stage{stage, best_.actions.size()});
  }

  const Minimizable& system_;
  MinimizeStats* stats_;
  const std::string property_;
  Trace best_;
};

}  // namespace

Trace Minimize(const Trace& t, const Minimizable& system, MinimizeStats* stats) {
  MinimizeStats ignored;
  if (!stats) stats = &ignored;
  *stats = MinimizeStats{};
  Trace start = t;
  ++stats->replays;
  system.breaks(t.verdict->property, &start);  // up to the violation only
  stats->before = start.actions.size();
  Shrinker shrinker(start, system, stats);
  shrinker.Run();
  stats->after = shrinker.best().actions.size();
  return shrinker.best();
}

}  // namespace traces

namespace traces {

Minimizable SystemMinimizable(const raftcheck::registry::SystemEntry& system) {
  Minimizable m;
  m.breaks = [&system](const std::string& property, Trace* candidate) {
    ReplayOptions options;
    options.on_disabled = OnDisabled::kSkip;
    options.timeline = false;
    base::Result<Replay> r = ReplayTrace(system, *candidate, options);
    if (!r.ok() || !r->violation || r->violation->property != property) return false;
    candidate->actions = std::move(r->applied);
    candidate->verdict = r->violation;
    return true;
  };
  m.actor = [&system](const nlohmann::json& a) { return system.Actor(a); };
  m.fault = [&system](const nlohmann::json& a) { return system.Fault(a); };
  m.tighten = [&system](const Trace& t) { return system.Tighten(t.config, t.actions); };
  return m;
}

base::Result<Trace> MinimizeTrace(const raftcheck::registry::SystemEntry& system, const Trace& t,
                                  MinimizeStats* stats) {
  if (t.verdict && t.verdict->liveness) {
    return base::Status::InvalidArgument(
        "a liveness trace is kept as found: it shows a run that never reached its goal, and "
        "removing steps only stops it sooner");
  }
  ReplayOptions strict;
  strict.timeline = false;
  base::Result<Replay> r = ReplayTrace(system, t, strict);
  if (!r.ok()) return r.status();
  if (!r->violation) {
    return base::Status::InvalidArgument(
        "the trace breaks no property when replayed: nothing to minimize");
  }
  Trace start = t;
  start.verdict = r->violation;  // what the replay found, whatever the file recorded
  Trace out = Minimize(start, SystemMinimizable(system), stats);
  // The result must replay strictly to the same property.
  base::Result<Replay> check = ReplayTrace(system, out, strict);
  if (!check.ok() || !check->violation ||
      check->violation->property != r->violation->property) {
    return base::Status::InvalidArgument("internal error: the minimized trace does not replay to " +
                                         r->violation->property);
  }
  out.verdict = check->violation;
  return out;
}

}  // namespace traces
