// The system seam: what one system (the cluster world over impl/, raft.tla, AbstractRaft, and
// every system to come) implements once so that every command, view and test helper works for
// it. The engine explores a typed System (checker/engine/system.h); everything above the
// systems' folders (traces/, checker/cli/) sees only this type-erased contract, in JSON:
//
//   SystemEntry       a system: name, options, bug catalog, what it can do, its config from JSON
//   ConfigBuilder     one command's options for the system, then the configured Instance
//   Instance          a configured system: explore, simulate, prove, replay a list of actions
//
// A system does not implement these by hand: it writes a Spec (a traits struct, see driver.h)
// and registers it with one line in checker/cli/registered_systems.cc.
//
// Contract (what callers rely on):
//  1. Determinism: the same config and the same actions give the same states, observations,
//     verdicts and JSON, byte for byte, on every call and in every thread.
//  2. Actions are named by content in JSON (a message by its fields, never by a position), so
//     that a trace still resolves after steps are removed from it.
//  3. Errors are Status: InvalidArgument for malformed input (one line naming the field),
//     Unavailable for a well-formed action that is not enabled in the current state.
#ifndef RAFTCHECK_CHECKER_REGISTRY_SYSTEM_H_
#define RAFTCHECK_CHECKER_REGISTRY_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/engine/properties.h"
#include "checker/engine/result.h"
#include "checker/engine/search_options.h"
#include "checker/registry/options.h"
#include "properties/observation.h"

namespace raftcheck::registry {

enum class Command { kExplore, kSimulate, kProve };

// One seeded bug as the checker knows it: the system's catalog entry, what it breaks, and the
// bounds in which it shows (`--bounds-of NAME`).
struct BugInfo {
  std::string name;
  std::string summary;   // from the system's catalog: what deviates
  std::string property;  // what the search reports first at its bounds
  std::string breaks;    // every property it may break (swarm may hit another first)
  bool liveness = false;  // shown by `simulate --liveness`, not by a safety property
  std::string shown_by;   // the command that shows it at its bounds, e.g. "explore"
  bool deep = false;      // BugScenario::deep: exhaustive search at its bounds is the nightly's
  nlohmann::json bounds;  // the config of its scenario (the bug itself not switched on)
};

// What a system can do beyond explore, simulate and replay.
struct Capabilities {
  bool swarm = false;     // simulate --swarm
  bool liveness = false;  // simulate --liveness
  bool prove = false;     // raftcheck prove
  bool time = false;      // simulate --time
  bool explore_liveness = false;  // explore --liveness
};

// A counterexample as a search found it, with its actions named by content.
struct Counterexample {
  std::string property;
  std::string message;
  bool liveness = false;  // a liveness verdict (replay shows it; it is not a safety violation)
  std::vector<nlohmann::json> actions;
  std::optional<std::uint64_t> run;  // simulation: the run that found it
};

// Reachability goals (Stateright's "sometimes" properties): a few states or steps every
// meaningful search of the system reaches (a leader elected, an entry committed, each enabled
// fault taken at least once). A search that reaches none explored nothing worth the name.
struct Goals {
  std::vector<std::string> names;  // the system's goals: bit k is names[k]
  std::uint32_t enabled = 0;       // those this config can reach (a fault switched off cannot)
  std::uint32_t reached = 0;
  bool Enabled(std::size_t k) const { return (enabled >> k) & 1U; }
  bool Reached(std::size_t k) const { return (reached >> k) & 1U; }
  bool NoneReached() const { return (reached & enabled) == 0; }
};

struct ExploreRequest {
  engine::SearchOptions search;
  bool dfs = false;
  // explore --liveness: from every state the search reaches, the faults stop and the system's
  // fair schedule must reach its goal within progress_ticks (0: the system's default).
  bool liveness = false;
  int progress_ticks = 0;
};

struct ExploreResult {
  engine::Outcome outcome = engine::Outcome::kOk;
  std::string reason;  // incomplete or error: why
  engine::SearchStats stats;
  Goals goals;
  std::optional<Counterexample> counterexample;
};

// simulate --time: virtual time (systems with a clock only; checker/world/time_chooser.h).
struct TimeRequest {
  int tick_ms = 100;
  int timeout_window = 0;   // 0: the library's window
  int progress_ticks = 0;   // 0: the system's default
};

struct SimulateRequest {
  std::uint64_t seed = 1;
  std::uint64_t runs = 1000;
  std::uint64_t steps = 200;  // per run (liveness: the random prefix)
  double time_limit = 0;
  bool swarm = false;
  bool liveness = false;
  std::optional<TimeRequest> time;
};

struct SimulateResult {
  engine::Outcome outcome = engine::Outcome::kOk;
  std::string reason;
  std::uint64_t runs_done = 0;
  std::uint64_t steps = 0;
  std::uint64_t deadlocks = 0;
  std::uint64_t out_of_bounds = 0;
  double seconds = 0;
  Goals goals;
  std::optional<Counterexample> counterexample;
  // simulate --time: named figures over the runs (time to elect, to commit, split votes).
  std::vector<std::pair<std::string, std::string>> figures;
};

struct ProveRequest {
  int bmc_depth = -1;  // >= 0: bounded model checking to this depth
  bool induction = false;
  double time_limit = 0;
};

// What `raftcheck prove` prints and returns.
struct ProveResult {
  enum class Outcome { kHolds, kViolation, kUnknown } outcome = Outcome::kHolds;
  std::vector<std::string> lines;  // what to print, in order
  nlohmann::json json;             // the JSON result line's fields
  std::optional<Counterexample> counterexample;  // BMC: confirmed in the explicit model
};

// A verdict: the property that failed after step `step` (1-based; 0: the initial state).
struct Verdict {
  std::string property;
  std::size_t step = 0;
  std::string message;
  // A liveness verdict (a fair run that never reached its goal), not a broken safety property.
  bool liveness = false;
  bool operator==(const Verdict&) const = default;
};

// How replay shows one step (traces/timeline.h turns it into a TimelineStep).
struct StepView {
  std::string kind;   // "deliver", "timeout", "Receive", ...
  int node = 0;       // 1-based: the node that acts (a message's destination)
  int from = 0;       // 1-based sender of a message action, else 0
  std::string label;  // short: the message, or the action
  std::string text;   // the whole narration line
};

// What a replay does with an action that is not enabled at its step.
enum class OnDisabled {
  kFail,  // the actions cannot be replayed: an error naming the step (the default)
  kStop,  // end the replay there, cleanly (a trace replayed against code that changed)
  kSkip,  // leave the action out and go on, and deliver the closest message when the named
          // one is not in flight (the minimizer's candidates)
};

struct ReplayRequest {
  std::span<const nlohmann::json> actions;
  OnDisabled on_disabled = OnDisabled::kFail;
  // At the end of a clean replay, ask whether the system's liveness judgement still fails
  // there (a liveness trace's verdict); if so that is the verdict, with liveness set.
  bool check_liveness = false;
  // Fill ReplayOutcome::observations (the views need them; the minimizer does not).
  bool observe = false;
};

// A replay: each action resolved in the state it is taken in, applied, every property checked
// on the step and the new state; it ends at the first violation.
struct ReplayOutcome {
  std::vector<nlohmann::json> applied;  // exactly the actions applied, by content
  std::vector<StepView> views;          // one per applied action
  // With ReplayRequest::observe: observations[0] of the initial state, [k] after step k.
  std::vector<props::Observation> observations;
  std::optional<Verdict> violation;
  std::size_t skipped = 0;  // OnDisabled::kSkip: actions left out
  std::string stopped;      // OnDisabled::kStop: why the replay ended early, else ""
};

class Instance {
 public:
  virtual ~Instance() = default;
  virtual nlohmann::json ConfigJson() const = 0;
  // OK, or InvalidArgument naming the bound to raise when no action of the initial state stays
  // within the bounds (a search would explore one state and say nothing).
  virtual base::Status CheckBoundsReachable() const = 0;
  virtual ExploreResult Explore(const ExploreRequest& request) const = 0;
  // OK, or InvalidArgument when the configured system cannot run simulate --time (no clock).
  // REQUIRES: Capabilities::time.
  virtual base::Status CheckTimeUsable() const = 0;
  // OK, or InvalidArgument when the configured system cannot run explore --liveness.
  // REQUIRES: Capabilities::explore_liveness.
  virtual base::Status CheckLivenessUsable() const = 0;
  // REQUIRES: the request's swarm, liveness and time are among the system's capabilities, and
  // CheckTimeUsable() with time.
  virtual SimulateResult Simulate(const SimulateRequest& request) const = 0;
  // REQUIRES: Capabilities::prove. Errors: Z3 failures (InvalidArgument).
  virtual base::Result<ProveResult> Prove(const ProveRequest& request) const = 0;
  // Errors: a malformed action, or (OnDisabled::kFail) one not enabled at its step, as one line
  // starting "step K: ".
  virtual base::Result<ReplayOutcome> Replay(const ReplayRequest& request) const = 0;
  // The number of nodes (servers) of the configured system.
  virtual int nodes() const = 0;
};

// One command's options for a system, bound to a config that Build() then checks.
class ConfigBuilder {
 public:
  virtual ~ConfigBuilder() = default;
  // The system's options (bounds, faults, --bug, --bounds-of), with the command's defaults.
  virtual void Declare(OptionList& options) = 0;
  virtual base::Result<std::unique_ptr<Instance>> Build() const = 0;
};

class SystemEntry {
 public:
  virtual ~SystemEntry() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view summary() const = 0;
  virtual Capabilities capabilities() const = 0;
  virtual std::span<const BugInfo> bugs() const = 0;
  virtual std::unique_ptr<ConfigBuilder> NewConfig(Command command) const = 0;
  // Strict: unknown fields, mistyped or out-of-range values and unknown bugs are errors.
  virtual base::Result<std::unique_ptr<Instance>> FromJson(const nlohmann::json& config) const = 0;

  // What the minimizer (traces/minimize.h) needs to know of the system's actions:
  // the node an action belongs to (1-based), for counting interleaving switches;
  virtual int Actor(const nlohmann::json& action) const = 0;
  // its fault class ("drop", "duplicate", "crash", ...), "" for a normal step;
  virtual std::string Fault(const nlohmann::json& action) const = 0;
  // the config with its bounds tightened to what `actions` use; it must not change what the
  // actions do.
  virtual nlohmann::json Tighten(const nlohmann::json& config,
                                 std::span<const nlohmann::json> actions) const = 0;
  // The config with every seeded bug switched off (replay --without-bugs).
  virtual nlohmann::json WithoutBugs(const nlohmann::json& config) const = 0;
};

}  // namespace raftcheck::registry

#endif  // RAFTCHECK_CHECKER_REGISTRY_SYSTEM_H_
