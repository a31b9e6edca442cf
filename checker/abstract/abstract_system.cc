#include "checker/abstract/abstract_system.h"

#include <algorithm>
#include <cstdio>

#include "checker/abstract/abstract_json.h"
#include "checker/registry/replay.h"
#include "checker/smt/bmc.h"
#include "checker/smt/induction.h"
#include "model/abstract/abstract_lemmas.h"

namespace raftcheck {
namespace {

namespace ab = model::abstract;
using nlohmann::json;
using registry::ProveResult;

std::string Format(const char* fmt, double seconds) {
  char buf[160];
  std::snprintf(buf, sizeof(buf), fmt, seconds);
  return buf;
}

base::Result<ProveResult> Bmc(const ab::AbstractConfig& config, int depth, double time_limit) {
  smt::BmcOptions options;
  options.max_depth = depth;
  options.time_limit = time_limit;
  options.progress = [](int k, double seconds) {
    std::fprintf(stderr, "prove: depth %d clean (%.2f s)\n", k, seconds);
  };
  base::Result<smt::BmcResult> run = smt::RunBmc(config, options);
  if (!run.ok()) return run.status();
  const smt::BmcResult& r = *run;
  ProveResult out;
  out.json = {{"mode", "bmc"}, {"depth", r.depth}, {"seconds", r.seconds}};
  if (r.outcome == smt::BmcResult::Outcome::kUnknown) {
    out.outcome = ProveResult::Outcome::kUnknown;
    out.lines.push_back("incomplete: Z3 could not settle depth " + std::to_string(r.depth) + " (" +
                        r.reason + ")" + Format(" after %.2f s", r.seconds));
    out.json["reason"] = r.reason;
    return out;
  }
  if (r.outcome == smt::BmcResult::Outcome::kNoViolation) {
    out.lines.push_back("ok: no lemma fails on any path of up to " + std::to_string(r.depth) +
                        " actions" + Format(" (%.2f s)", r.seconds));
    return out;
  }
  // The second method: the path must break the same lemma, at its end, in the explicit model.
  const ab::AbstractRaft model(config);
  const AbstractProperties props(model);
  const std::vector<json> actions = registry::ActionsToJson<AbstractSpec>(model, r.actions);
  base::Result<registry::TypedReplay<AbstractSpec>> replay = registry::ReplayActions<AbstractSpec>(
      model, props, actions, registry::OnDisabled::kFail, /*check_liveness=*/false);
  const std::string lemma(ab::LemmaName(r.lemma));
  if (!replay.ok()) {
    return base::Status::InvalidArgument("internal error: the BMC path does not replay: " +
                                         replay.status().message());
  }
  if (!replay->violation || replay->violation->property != lemma ||
      replay->violation->step != r.actions.size() || replay->states != r.states) {
    return base::Status::InvalidArgument(
        "internal error: Z3 breaks " + lemma + " after " + std::to_string(r.actions.size()) +
        " steps but the explicit model says " +
        (replay->violation ? replay->violation->property + " after " +
                                 std::to_string(replay->violation->step) + " steps"
                           : std::string("no lemma fails")));
  }
  out.outcome = ProveResult::Outcome::kViolation;
  out.lines.push_back("violation of " + lemma + " at depth " + std::to_string(r.depth) + ": " +
                      replay->violation->message + Format(" (%.2f s)", r.seconds));
  out.counterexample =
      registry::Counterexample{lemma, replay->violation->message, false, actions, std::nullopt};
  return out;
}

base::Result<ProveResult> Induction(const ab::AbstractConfig& config, double time_limit) {
  smt::InductionOptions options;
  options.time_limit = time_limit;
  base::Result<smt::InductionResult> run = smt::CheckInduction(config, options);
  if (!run.ok()) return run.status();
  const smt::InductionResult& r = *run;
  ProveResult out;
  out.json = {{"mode", "induction"},
              {"queries", r.queries},
              {"seconds", r.seconds},
              {"lemmas", ab::kLemmaCount}};
  if (r.outcome == smt::InductionResult::Outcome::kUnknown) {
    out.outcome = ProveResult::Outcome::kUnknown;
    out.lines.push_back("incomplete: Z3 gave up after " + std::to_string(r.queries) +
                        " queries (" + r.reason + ")" + Format(", %.2f s", r.seconds));
    out.json["reason"] = r.reason;
    return out;
  }
  if (r.outcome == smt::InductionResult::Outcome::kProved) {
    out.lines.push_back("ok: the " + std::to_string(ab::kLemmaCount) +
                        " lemmas hold initially and every action preserves them (" +
                        std::to_string(r.queries) + " queries" + Format(", %.2f s)", r.seconds));
    return out;
  }
  out.outcome = ProveResult::Outcome::kViolation;
  const ab::AbstractRaft model(config);
  auto where = [](const smt::InductionFailure& f) {
    return f.action ? std::string("by ") + ab::ActionKindName(*f.action)
                    : std::string("initially");
  };
  out.lines.push_back("not inductive: " + std::to_string(r.failures.size()) +
                      " (lemma, action) pairs fail");
  json failures = json::array();
  for (const smt::InductionFailure& f : r.failures) {
    out.lines.push_back("  " + std::string(ab::LemmaName(f.lemma)) + " broken " + where(f));
    failures.push_back({{"lemma", ab::LemmaName(f.lemma)},
                        {"action", f.action ? ab::ActionKindName(*f.action) : "Init"}});
  }
  const smt::InductionFailure& first = r.failures.front();
  out.lines.push_back("counterexample to induction for " + std::string(ab::LemmaName(first.lemma)) +
                      " " + where(first) + ":");
  if (first.action) {
    out.lines.push_back("  before (every lemma holds): " + model.DescribeState(first.before));
    out.lines.push_back("  action:                     " + model.Describe(first.step));
  }
  out.lines.push_back("  after:                      " + model.DescribeState(first.after));
  if (std::optional<std::string> why = ab::CheckLemma(first.lemma, config.servers, first.after)) {
    out.lines.push_back("  " + *why);
  }
  out.json["failures"] = failures;
  out.json["counterexample"] = {
      {"lemma", ab::LemmaName(first.lemma)},
      {"action", first.action ? json(AbstractActionToJson(first.step, config.servers)) : json()},
      {"before", AbstractStateToJson(first.before, config.servers)},
      {"after", AbstractStateToJson(first.after, config.servers)}};
  return out;
}

enum Goal : std::uint32_t { kLeaderElected = 1U << 0, kEntryCommitted = 1U << 1 };

}  // namespace

const registry::ConfigSchema<ab::AbstractConfig>& AbstractSpec::Schema() {
  static const registry::ConfigSchema<ab::AbstractConfig> kSchema = [] {
    registry::ConfigSchema<ab::AbstractConfig> s;
    s.Int("nodes", "nodes", &ab::AbstractConfig::servers, 1, ab::kMaxServers, "servers")
        .Int("max-term", "max_term", &ab::AbstractConfig::max_term, 1, ab::kMaxTermBound,
             "bound: every term <= this")
        .Int("max-log", "max_log", &ab::AbstractConfig::max_log, 1, ab::kLogCapacity - 1,
             "bound: every log length <= this");
    return s;
  }();
  return kSchema;
}

std::span<const AbstractBugScenario> AbstractSpec::Scenarios() {
  static const std::vector<AbstractBugScenario> kScenarios = {
      {ab::AbstractBug::kDoubleVote, ab::AbstractConfig{}, "OnePrimaryPerTerm",
       "OnePrimaryPerTerm, PrimaryHasOwnEntries"},
      {ab::AbstractBug::kCommitOldTerm, ab::AbstractConfig{}, "LeaderCompleteness",
       "LeaderCompleteness, LaterLogsHaveEarlierCommitted"},
  };
  return kScenarios;
}

json AbstractSpec::ActionToJson(const System& m, const State&, const Action& a) {
  return AbstractActionToJson(a, m.config().servers);
}

base::Result<AbstractSpec::Action> AbstractSpec::ActionFromJson(const System& m, const State& s,
                                                                const json& j,
                                                                const registry::Lookup&) {
  base::Result<Action> a = AbstractActionFromJson(j, m.config().servers);
  if (!a.ok()) return a;
  std::vector<Action> enabled;
  m.Actions(s, enabled);
  if (std::find(enabled.begin(), enabled.end(), *a) == enabled.end()) {
    return base::Status::Unavailable(m.Describe(*a) + " is not enabled");
  }
  return a;
}

registry::StepView AbstractSpec::ViewStep(const System& m, const State&, const Action& a) {
  registry::StepView v;
  v.kind = ab::ActionKindName(a.kind);
  v.node = a.node + 1;
  v.label = m.Describe(a);
  v.text = v.label;
  return v;
}

void AbstractSpec::Observe(const System& m, const State& s, props::Observation* obs) {
  const int n = m.config().servers;
  obs->nodes.resize(static_cast<std::size_t>(n));
  obs->has_history = false;
  obs->leaders.clear();
  obs->committed.clear();
  for (int i = 0; i < n; ++i) {
    const ab::Server& v = s.servers[static_cast<std::size_t>(i)];
    props::NodeView& view = obs->nodes[static_cast<std::size_t>(i)];
    view = props::NodeView{};
    view.term = v.term;
    view.role = v.primary ? props::NodeRole::kLeader : props::NodeRole::kFollower;
    for (int k = 0; k < v.len; ++k) {
      view.log.push_back({static_cast<std::uint64_t>(v.log[static_cast<std::size_t>(k)]), 0});
    }
    while (view.commit < view.log.size() &&
           s.Committed(static_cast<int>(view.commit) + 1,
                       static_cast<int>(view.log[view.commit].term))) {
      ++view.commit;
    }
  }
}

std::string AbstractSpec::ExceededBound(const System& m, const State& s) {
  const Config& c = m.config();
  for (int i = 0; i < c.servers; ++i) {
    const ab::Server& v = s.servers[static_cast<std::size_t>(i)];
    if (v.term > c.max_term) return "--max-term " + std::to_string(c.max_term);
    if (v.len > c.max_log) return "--max-log " + std::to_string(c.max_log);
  }
  return "";
}

std::uint32_t AbstractSpec::Reached(const System&, const State&, const Action& a, const State&) {
  if (a.kind == ab::ActionKind::kBecomeLeader) return kLeaderElected;
  if (a.kind == ab::ActionKind::kCommitEntry) return kEntryCommitted;
  return 0;
}

base::Result<ProveResult> AbstractSpec::Prove(const Config& c,
                                              const registry::ProveRequest& request) {
  return request.induction ? Induction(c, request.time_limit)
                           : Bmc(c, request.bmc_depth, request.time_limit);
}

}  // namespace raftcheck
