// Driver<Spec>: the system seam (system.h) implemented once for any system described by a Spec,
// with the engine instantiated over the system's own types (no virtual call on the search's hot
// path). A system's folder writes its Spec and registers it:
//
//   registry.Add(MakeEntry<WorldSpec>());     (checker/cli/registered_systems.cc)
//
// A Spec is a struct of types and static functions:
//
//   static constexpr std::string_view kName, kSummary;   // --system NAME; one line
//   using System;      // an engine System (checker/engine/system.h), built from a Config
//   using Properties;  // its PropertyChecker, built from const System&
//   using Config;      // with a member `bugs` of type base::BugSet<Bug>
//   using Bug;         // the system's seeded-bug enum
//
//   static const ConfigSchema<Config>& Schema();   // flags, JSON keys and ranges of Config
//   static Config Defaults(Command c);             // a command's default bounds
//   static base::Status Validate(const Config&);   // beyond the schema's ranges
//   static std::span<const base::BugEntry<Bug>> Catalog();
//   static std::span<const BugScenario<Config, Bug>> Scenarios();  // in catalog order
//
//   static nlohmann::json ActionToJson(const System&, const State&, const Action&);
//   static base::Result<Action> ActionFromJson(const System&, const State&,
//                                              const nlohmann::json&, const Lookup&);
//   static StepView ViewStep(const System&, const State& before, const Action&);
//   static void Observe(const System&, const State&, props::Observation*);
//   // The first bound s is past, as the user would raise it: "--max-msgs 2 (3 in flight)".
//   static std::string ExceededBound(const System&, const State& s);
//
//   static std::vector<std::string> GoalNames();               // at most 32
//   static std::uint32_t EnabledGoals(const Config&);          // bit k: GoalNames()[k]
//   static std::uint32_t Reached(const System&, const State& prev, const Action&,
//                                const State& next);            // the goals the step reaches
//
//   static int Actor(const nlohmann::json& action);
//   static std::string Fault(const nlohmann::json& action);
//   static nlohmann::json Tighten(nlohmann::json config, std::span<const nlohmann::json>);
//
// and optionally (each one a capability):
//   using Swarm;  // simulate --swarm: an ActionChooser built from `bool swarm` (false: plain)
//   struct Fair;  // simulate --liveness: an engine FairScheduler built from const System&
//   struct Timed; // simulate --time: built from (const System&, const TimeRequest&), gives
//                 // Chooser(), Fair() and Figures()
//   struct Progress; // explore --liveness: built from (const System&, int ticks), gives
//                    // std::optional<Stall<Action>> Check(const State&) (the run from a state
//                    // that misses its goal) and static Usable(const Config&)
//   static base::Result<ProveResult> Prove(const Config&, const ProveRequest&);
#ifndef RAFTCHECK_CHECKER_REGISTRY_DRIVER_H_
#define RAFTCHECK_CHECKER_REGISTRY_DRIVER_H_

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "base/bug_catalog.h"
#include "checker/engine/bfs.h"
#include "checker/engine/dfs.h"
#include "checker/engine/simulate.h"
#include "checker/registry/replay.h"
#include "checker/registry/system.h"

namespace raftcheck::registry {

// A seeded bug's scenario: the smallest bounds in which the search shows it, and what it
// breaks. The checker tests, `raftcheck bugs`, `--bounds-of` and the nightly all read it.
template <class Config, class Bug>
struct BugScenario {
  Bug bug;
  Config bounds;               // the bug itself not switched on
  std::string_view property;   // what the search reports first
  std::string_view breaks;     // every property it may break (comma separated)
  bool liveness = false;       // shown by `simulate --liveness`
  // Exhaustive search at these bounds takes minutes and gigabytes: CI shows the bug by swarm
  // simulation, the nightly by exhaustive search as well.
  bool deep = false;
  // Too deep for exhaustive search (tens of ticks of virtual time): shown by `simulate --time`
  // at these bounds (the world's clock: checker/world/time_chooser.h).
  bool timed = false;
  // A liveness bug shown by exhaustive search: explore --liveness at these bounds.
  bool explored = false;
};

// A fair run that missed its goal (Spec::Progress): the actions it took and why it is short.
template <class Action>
struct Stall {
  std::vector<Action> actions;
  std::string why;
};

namespace driver_internal {

template <class Spec>
concept HasSwarm = requires { typename Spec::Swarm; };
template <class Spec>
concept HasFair = requires { typename Spec::Fair; };
template <class Spec>
concept HasTime = requires { typename Spec::Timed; };
template <class Spec>
concept HasProgress = requires { typename Spec::Progress; };
template <class Spec>
concept HasProve = requires(const typename Spec::Config& c, const ProveRequest& r) {
  { Spec::Prove(c, r) } -> std::same_as<base::Result<ProveResult>>;
};

}  // namespace driver_internal

// The system's properties with its goals (engine/properties.h, HasGoals): what the engine
// checks a system with.
template <class Spec>
class Checker {
 public:
  using System = typename Spec::System;
  using State = engine::StateOf<System>;
  using Action = engine::ActionOf<System>;

  explicit Checker(const System& sys) : sys_(sys), props_(sys) {}
  std::optional<engine::Violation> CheckState(const State& s) const {
    return props_.CheckState(s);
  }
  std::optional<engine::Violation> CheckStep(const State& prev, const Action& a,
                                             const State& next) const {
    return props_.CheckStep(prev, a, next);
  }
  std::uint32_t Reached(const State& prev, const Action& a, const State& next) const {
    return Spec::Reached(sys_, prev, a, next);
  }

 private:
  const System& sys_;
  typename Spec::Properties props_;
};

// explore --liveness: the system's checker, and in every state it checks, the fair run from
// there (Spec::Progress) must reach its goal; a miss is a kProgress violation.
template <class Spec>
class ProgressChecker {
 public:
  using System = typename Spec::System;
  using State = engine::StateOf<System>;
  using Action = engine::ActionOf<System>;

  ProgressChecker(const Checker<Spec>& checker, const typename Spec::Progress& progress)
      : checker_(checker), progress_(progress) {}
  std::optional<engine::Violation> CheckState(const State& s) const {
    if (std::optional<engine::Violation> v = checker_.CheckState(s)) return v;
    if (std::optional<Stall<Action>> stall = progress_.Check(s)) {
      return engine::Violation{engine::kProgress, engine::NoProgressMessage(stall->why)};
    }
    return std::nullopt;
  }
  std::optional<engine::Violation> CheckStep(const State& prev, const Action& a,
                                             const State& next) const {
    return checker_.CheckStep(prev, a, next);
  }
  std::uint32_t Reached(const State& prev, const Action& a, const State& next) const {
    return checker_.Reached(prev, a, next);
  }

 private:
  const Checker<Spec>& checker_;
  const typename Spec::Progress& progress_;
};

namespace driver_internal {

template <class Spec>
nlohmann::json ConfigToJson(const typename Spec::Config& c) {
  nlohmann::json j = Spec::Schema().ToJson(c);
  nlohmann::json bugs = nlohmann::json::array();
  for (const auto& e : Spec::Catalog()) {
    if (c.bugs.Has(e.bug)) bugs.push_back(std::string(e.name));
  }
  j["bugs"] = bugs;
  return j;
}

template <class Spec>
base::Status UnknownBug(const std::string& name) {
  return base::Status::InvalidArgument("unknown bug \"" + name + "\" for --system " +
                                       std::string(Spec::kName) +
                                       " (raftcheck bugs lists every system's bugs)");
}

// The config that j describes (fields left out take the explore defaults), not yet validated.
template <class Spec>
base::Result<typename Spec::Config> ConfigFromJson(const nlohmann::json& j) {
  using Bug = typename Spec::Bug;
  if (!j.is_object()) return base::Status::InvalidArgument("config must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() != "bugs" && !Spec::Schema().HasKey(it.key())) {
      return base::Status::InvalidArgument("config has an unknown field \"" + it.key() + "\"");
    }
  }
  typename Spec::Config c = Spec::Defaults(Command::kExplore);
  if (base::Status s = Spec::Schema().FromJson(j, &c); !s.ok()) return s;
  c.bugs = base::BugSet<Bug>();
  if (auto bugs = j.find("bugs"); bugs != j.end()) {
    if (!bugs->is_array()) {
      return base::Status::InvalidArgument("field \"bugs\" must be an array of bug names");
    }
    for (const nlohmann::json& name : *bugs) {
      std::optional<Bug> b;
      if (name.is_string()) b = base::FindBug(Spec::Catalog(), name.get<std::string>());
      if (!b) return UnknownBug<Spec>(name.is_string() ? name.get<std::string>() : name.dump());
      c.bugs.Add(*b);
    }
  }
  return c;
}

// The actions of a path by content, from the initial state `initial_index`.
template <class Spec>
std::vector<nlohmann::json> PathToJson(const typename Spec::System& sys,
                                       std::size_t initial_index,
                                       const std::vector<engine::ActionOf<typename Spec::System>>&
                                           actions) {
  std::vector<engine::StateOf<typename Spec::System>> inits;
  sys.InitialStates(inits);
  auto s = inits[initial_index];
  std::vector<nlohmann::json> out;
  for (const auto& a : actions) {
    out.push_back(Spec::ActionToJson(sys, s, a));
    sys.Apply(s, a);
  }
  return out;
}

template <class Spec, class Action>
Counterexample ToCounterexample(const typename Spec::System& sys,
                                const engine::Counterexample<Action>& cx) {
  Counterexample out;
  out.property = cx.property;
  out.message = cx.message;
  out.liveness = cx.liveness;
  out.actions = PathToJson<Spec>(sys, cx.initial_index, cx.actions);
  return out;
}

template <class Spec>
class SpecInstance final : public Instance {
 public:
  using System = typename Spec::System;
  using Config = typename Spec::Config;
  using State = engine::StateOf<System>;
  using Action = engine::ActionOf<System>;

  explicit SpecInstance(const Config& config)
      : config_(config), sys_(std::make_shared<const System>(config)), checker_(*sys_) {}

  nlohmann::json ConfigJson() const override { return ConfigToJson<Spec>(config_); }

  base::Status CheckTimeUsable() const override {
    if constexpr (HasTime<Spec>) {
      return Spec::Timed::Usable(config_);
    } else {
      return base::Status::InvalidArgument("--system " + std::string(Spec::kName) +
                                           " has no clock to simulate");
    }
  }

  base::Status CheckBoundsReachable() const override {
    std::vector<State> inits;
    sys_->InitialStates(inits);
    std::string past;
    for (const State& init : inits) {
      if (!sys_->InBounds(init)) continue;
      std::vector<Action> actions;
      sys_->Actions(init, actions);
      if (actions.empty()) return base::Status::OK();
      for (const Action& a : actions) {
        State next = init;
        sys_->Apply(next, a);
        if (sys_->InBounds(next)) return base::Status::OK();
        if (past.empty()) past = Spec::ExceededBound(*sys_, next);
      }
    }
    if (past.empty()) return base::Status::OK();
    return base::Status::InvalidArgument(
        "impossible bounds: every action of the initial state goes past " + past +
        ", so nothing but the initial state would be explored; raise that bound");
  }

  base::Status CheckLivenessUsable() const override {
    if constexpr (HasProgress<Spec>) {
      return Spec::Progress::Usable(config_);
    } else {
      return base::Status::InvalidArgument("--system " + std::string(Spec::kName) +
                                           " has no fair schedule to explore progress with");
    }
  }

  ExploreResult Explore(const ExploreRequest& request) const override {
    auto search = [&](const auto& props) {
      return request.dfs ? engine::Dfs(*sys_, props, request.search)
                         : engine::Bfs(*sys_, props, request.search);
    };
    engine::SearchResult<Action> r;
    if (!request.liveness) {
      r = search(checker_);
    } else if constexpr (HasProgress<Spec>) {
      const typename Spec::Progress progress(*sys_, request.progress_ticks);
      r = search(ProgressChecker<Spec>(checker_, progress));
      if (r.counterexample && r.counterexample->property == engine::kProgress) {
        // The path to the state the fair run stalls from, then that run: a liveness trace.
        std::vector<State> inits;
        sys_->InitialStates(inits);
        State last = inits[r.counterexample->initial_index];
        for (const Action& a : r.counterexample->actions) sys_->Apply(last, a);
        if (std::optional<Stall<Action>> stall = progress.Check(last)) {
          for (Action& a : stall->actions) r.counterexample->actions.push_back(std::move(a));
          r.counterexample->liveness = true;
        } else {
          r.outcome = engine::Outcome::kError;
          r.reason = "the fair run from the stalled state reached its goal when run again";
        }
      }
    }
    ExploreResult out;
    out.outcome = r.outcome;
    out.reason = r.reason;
    out.stats = r.stats;
    out.goals = Goals{Spec::GoalNames(), Spec::EnabledGoals(config_), r.stats.goals_reached};
    if (r.counterexample) out.counterexample = ToCounterexample<Spec>(*sys_, *r.counterexample);
    return out;
  }

  SimulateResult Simulate(const SimulateRequest& request) const override {
    engine::SimulationOptions so;
    so.seed = request.seed;
    so.runs = request.runs;
    so.max_steps = request.steps;
    so.max_seconds = request.time_limit;
    engine::SimulationResult<Action> r;
    SimulateResult out;
    if (request.time) {
      if constexpr (HasTime<Spec>) {
        typename Spec::Timed timed(*sys_, *request.time);
        r = request.liveness
                ? engine::Simulate(*sys_, checker_, so, timed.Chooser(), timed.Fair())
                : engine::Simulate(*sys_, checker_, so, timed.Chooser());
        out.figures = timed.Figures();
      }
    } else if (request.liveness) {
      if constexpr (HasFair<Spec>) {
        r = engine::Simulate(*sys_, checker_, so, MakeChooser(request.swarm),
                             typename Spec::Fair(*sys_));
      }
    } else {
      r = engine::Simulate(*sys_, checker_, so, MakeChooser(request.swarm));
    }
    out.outcome = r.outcome;
    out.reason = r.reason;
    out.runs_done = r.runs_done;
    out.steps = r.steps;
    out.deadlocks = r.deadlocks;
    out.out_of_bounds = r.out_of_bounds;
    out.seconds = r.seconds;
    out.goals = Goals{Spec::GoalNames(), Spec::EnabledGoals(config_), r.goals_reached};
    if (r.counterexample) {
      out.counterexample = ToCounterexample<Spec>(*sys_, *r.counterexample);
      out.counterexample->run = r.run;
    }
    return out;
  }

  base::Result<ProveResult> Prove(const ProveRequest& request) const override {
    if constexpr (HasProve<Spec>) {
      return Spec::Prove(config_, request);
    } else {
      return base::Status::InvalidArgument("--system " + std::string(Spec::kName) +
                                           " has no symbolic side to prove with");
    }
  }

  base::Result<ReplayOutcome> Replay(const ReplayRequest& request) const override {
    base::Result<TypedReplay<Spec>> r =
        ReplayActions<Spec>(*sys_, checker_, request.actions, request.on_disabled,
                            request.check_liveness, /*keep_states=*/request.observe);
    if (!r.ok()) return r.status();
    ReplayOutcome out;
    out.applied = std::move(r->applied);
    out.views = std::move(r->views);
    out.violation = std::move(r->violation);
    out.skipped = r->skipped;
    out.stopped = std::move(r->stopped);
    if (request.observe) {
      out.observations.resize(r->states.size());
      for (std::size_t k = 0; k < r->states.size(); ++k) {
        Spec::Observe(*sys_, r->states[k], &out.observations[k]);
      }
    }
    return out;
  }

  int nodes() const override {
    std::vector<State> inits;
    sys_->InitialStates(inits);
    props::Observation obs;
    Spec::Observe(*sys_, inits.front(), &obs);
    return static_cast<int>(obs.nodes.size());
  }

  const System& system() const { return *sys_; }
  const Config& config() const { return config_; }

 private:
  static auto MakeChooser(bool swarm) {
    if constexpr (HasSwarm<Spec>) {
      return typename Spec::Swarm(swarm);
    } else {
      return engine::UniformChooser{};
    }
  }

  Config config_;
  std::shared_ptr<const System> sys_;
  Checker<Spec> checker_;
};

template <class Spec>
base::Result<std::unique_ptr<Instance>> BuildInstance(const typename Spec::Config& c) {
  if (base::Status s = Spec::Schema().CheckRanges(c); !s.ok()) return s;
  if (base::Status s = Spec::Validate(c); !s.ok()) return s;
  return std::unique_ptr<Instance>(std::make_unique<SpecInstance<Spec>>(c));
}

template <class Spec>
class SpecConfigBuilder final : public ConfigBuilder {
 public:
  using Config = typename Spec::Config;
  using Bug = typename Spec::Bug;

  explicit SpecConfigBuilder(Command command) : config_(Spec::Defaults(command)) {}

  void Declare(OptionList& options) override {
    Spec::Schema().Declare(options, &config_);
    OptionSpec bug{"bug", "switch on a seeded bug (raftcheck bugs lists them)",
                   "NAME", "", ""};
    bug.repeatable = true;
    bug.apply = [this](const std::string& name) {
      const std::optional<Bug> b = base::FindBug(Spec::Catalog(), name);
      if (!b) return UnknownBug<Spec>(name);
      bugs_.Add(*b);
      return base::Status::OK();
    };
    options.Add(std::move(bug));
    OptionSpec bounds{"bounds-of",
                      "the bounds in which seeded bug NAME shows (the bug stays off; the other "
                      "flags still apply on top)",
                      "NAME", "", ""};
    bounds.base = true;
    bounds.apply = [this](const std::string& name) {
      const std::optional<Bug> b = base::FindBug(Spec::Catalog(), name);
      if (!b) return UnknownBug<Spec>(name);
      config_ = Spec::Scenarios()[static_cast<std::size_t>(*b)].bounds;
      return base::Status::OK();
    };
    options.Add(std::move(bounds));
  }

  base::Result<std::unique_ptr<Instance>> Build() const override {
    Config c = config_;
    c.bugs = bugs_;
    return BuildInstance<Spec>(c);
  }

 private:
  Config config_;
  base::BugSet<Bug> bugs_;
};

template <class Spec>
class SpecEntry final : public SystemEntry {
 public:
  using Config = typename Spec::Config;
  using Bug = typename Spec::Bug;

  SpecEntry() {
    const auto catalog = Spec::Catalog();
    const auto scenarios = Spec::Scenarios();
    if (scenarios.size() != catalog.size()) {
      std::fprintf(stderr, "raftcheck: system %s has %zu bugs but %zu bug scenarios\n",
                   std::string(Spec::kName).c_str(), catalog.size(), scenarios.size());
      std::abort();
    }
    for (std::size_t k = 0; k < catalog.size(); ++k) {
      const auto& sc = scenarios[k];
      bugs_.push_back(BugInfo{std::string(catalog[k].name), std::string(catalog[k].summary),
                              std::string(sc.property), std::string(sc.breaks), sc.liveness,
                              sc.timed                     ? "simulate --time"
                              : sc.liveness && sc.explored ? "explore --liveness"
                              : sc.liveness                ? "simulate --liveness"
                                                           : "explore",
                              sc.deep,
                              ConfigToJson<Spec>(sc.bounds)});
    }
  }

  std::string_view name() const override { return Spec::kName; }
  std::string_view summary() const override { return Spec::kSummary; }
  Capabilities capabilities() const override {
    return Capabilities{HasSwarm<Spec>, HasFair<Spec>, HasProve<Spec>, HasTime<Spec>,
                        HasProgress<Spec>};
  }
  std::span<const BugInfo> bugs() const override { return bugs_; }
  std::unique_ptr<ConfigBuilder> NewConfig(Command command) const override {
    return std::make_unique<SpecConfigBuilder<Spec>>(command);
  }

  base::Result<std::unique_ptr<Instance>> FromJson(const nlohmann::json& j) const override {
    base::Result<Config> c = ConfigFromJson<Spec>(j);
    if (!c.ok()) return c.status();
    return BuildInstance<Spec>(*c);
  }

  int Actor(const nlohmann::json& action) const override { return Spec::Actor(action); }
  std::string Fault(const nlohmann::json& action) const override { return Spec::Fault(action); }
  nlohmann::json Tighten(const nlohmann::json& config,
                         std::span<const nlohmann::json> actions) const override {
    return Spec::Tighten(config, actions);
  }
  nlohmann::json WithoutBugs(const nlohmann::json& config) const override {
    nlohmann::json c = config;
    c["bugs"] = nlohmann::json::array();
    return c;
  }

 private:
  std::vector<BugInfo> bugs_;
};

}  // namespace driver_internal

// The registry entry of the system a Spec describes.
template <class Spec>
std::unique_ptr<SystemEntry> MakeEntry() {
  return std::make_unique<driver_internal::SpecEntry<Spec>>();
}

// A configured instance from a Config value (tests, and systems that build one directly).
template <class Spec>
base::Result<std::unique_ptr<Instance>> MakeInstance(const typename Spec::Config& config) {
  return driver_internal::BuildInstance<Spec>(config);
}

// The config's JSON (as traces and the JSON result line carry it), and back (strict; fields
// left out take the explore defaults; the ranges and Spec::Validate are checked).
template <class Spec>
nlohmann::json ConfigToJson(const typename Spec::Config& config) {
  return driver_internal::ConfigToJson<Spec>(config);
}
template <class Spec>
base::Result<typename Spec::Config> ConfigFromJson(const nlohmann::json& j) {
  base::Result<typename Spec::Config> c = driver_internal::ConfigFromJson<Spec>(j);
  if (!c.ok()) return c;
  if (base::Status s = Spec::Schema().CheckRanges(*c); !s.ok()) return s;
  if (base::Status s = Spec::Validate(*c); !s.ok()) return s;
  return c;
}

// The actions of `path` (taken from the first initial state) by content.
template <class Spec>
std::vector<nlohmann::json> ActionsToJson(
    const typename Spec::System& sys,
    const std::vector<engine::ActionOf<typename Spec::System>>& path) {
  return driver_internal::PathToJson<Spec>(sys, 0, path);
}

}  // namespace raftcheck::registry

#endif  // RAFTCHECK_CHECKER_REGISTRY_DRIVER_H_
