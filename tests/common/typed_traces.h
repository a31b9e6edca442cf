// Typed traces for tests: the trace of one system's own (typed) actions, its replay with the
// system's own states, and a registry entry of a system without the CLI. Production code goes
// through the type-erased seam (checker/registry/system.h); tests that compare states,
// encodings or actions use these.
#ifndef RAFTCHECK_TESTS_COMMON_TYPED_TRACES_H_
#define RAFTCHECK_TESTS_COMMON_TYPED_TRACES_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "base/status.h"
#include "checker/registry/driver.h"
#include "checker/registry/replay.h"
#include "traces/trace.h"

namespace raftcheck::test_traces {

// The trace (system Spec::kName) of `actions` applied from the system's initial state.
template <class Spec>
traces::Trace MakeTrace(const typename Spec::System& sys,
                        const std::vector<engine::ActionOf<typename Spec::System>>& actions,
                        std::optional<traces::Verdict> verdict = std::nullopt,
                        std::optional<std::uint64_t> seed = std::nullopt) {
  traces::Trace t;
  t.system = std::string(Spec::kName);
  t.config = registry::ConfigToJson<Spec>(sys.config());
  t.seed = seed;
  t.actions = registry::ActionsToJson<Spec>(sys, actions);
  t.verdict = std::move(verdict);
  return t;
}

// Replays t with Spec's own states (states[0] initial, states[k] after step k).
template <class Spec>
base::Result<registry::TypedReplay<Spec>> ReplayTyped(
    const traces::Trace& t, registry::OnDisabled on_disabled = registry::OnDisabled::kFail) {
  base::Result<typename Spec::Config> config = registry::ConfigFromJson<Spec>(t.config);
  if (!config.ok()) return config.status().Prefixed("config");
  const typename Spec::System sys(*config);
  const typename Spec::Properties props(sys);
  return registry::ReplayActions<Spec>(sys, props, t.actions, on_disabled,
                                       t.verdict && t.verdict->liveness);
}

// The registry entry of Spec's system (one per process).
template <class Spec>
const registry::SystemEntry& Entry() {
  static const std::unique_ptr<registry::SystemEntry> kEntry = registry::MakeEntry<Spec>();
  return *kEntry;
}

}  // namespace raftcheck::test_traces

#endif  // RAFTCHECK_TESTS_COMMON_TYPED_TRACES_H_
