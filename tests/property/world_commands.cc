// The cluster world as a rapidcheck state machine; see world_commands.h for the design.
#include "tests/property/world_commands.h"

#include <rapidcheck.h>
#include <rapidcheck/state.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <ostream>
#include <utility>
#include <vector>

#include "checker/engine/properties.h"
#include "checker/world/cluster_world.h"
#include "checker/world/world_properties.h"
#include "tests/property/world_gen.h"
#include "traces/trace.h"
#include "tests/common/world_traces.h"

namespace raftcheck::proptest {
namespace {

struct WorldModel {
  std::shared_ptr<const ClusterWorld> world;
  WorldState state;
};

struct WorldSut {
  explicit WorldSut(std::shared_ptr<const ClusterWorld> w, FailureLog* l)
      : world(std::move(w)), props(*world), state(InitialState(*world)), log(l) {}

  std::shared_ptr<const ClusterWorld> world;
  WorldProperties props;
  WorldState state;
  std::vector<WorldAction> actions;  // applied so far: the trace of this execution
  FailureLog* log;
};

std::string EncodingOf(const ClusterWorld& world, const WorldState& s) {
  std::string out;
  world.Encode(s, out);
  return out;
}

class WorldCommand : public rc::state::Command<WorldModel, WorldSut> {
 public:
  // Draws one of the actions enabled in m (a stutter when there is none).
  explicit WorldCommand(const WorldModel& m) {
    const std::vector<WorldAction> enabled = WalkActions(*m.world, m.state);
    if (enabled.empty()) return;
    const WorldAction& a = enabled[DrawIndex(enabled.size())];
    action_ = WorldSpec::ActionToJson(*m.world, m.state, a);
    text_ = m.world->DescribeIn(m.state, a);
  }

  void checkPreconditions(const WorldModel& m) const override {
    if (Stutter()) return;
    RC_PRE(m.world->InBounds(m.state));
    WorldAction a;
    RC_PRE(Resolve(*m.world, m.state, &a, nullptr));
  }

  void apply(WorldModel& m) const override {
    if (Stutter()) return;
    WorldAction a;
    std::string error;
    // checkPreconditions held in this state, so this resolves.
    if (!Resolve(*m.world, m.state, &a, &error))
      RC_FAIL("model cannot apply " + text_ + ": " + error);
    m.world->Apply(m.state, a);
  }

  void run(const WorldModel& m, WorldSut& sut) const override {
    if (Stutter()) return;
    const ClusterWorld& world = *sut.world;
    RC_ASSERT(EncodingOf(world, m.state) == EncodingOf(world, sut.state));
    WorldAction a;
    std::string error;
    if (!Resolve(world, sut.state, &a, &error)) {
      RC_FAIL("action " + action_.dump() + " does not resolve in the system under test: " + error);
    }
    WorldState next = sut.state;
    world.Apply(next, a);
    const auto v = engine::CheckTransition<ClusterWorld>(sut.props, sut.state, a, next,
                                                         /*check_next_state=*/true);
    sut.state = std::move(next);
    sut.actions.push_back(a);
    if (v) Fail(sut, *v);
  }

  void show(std::ostream& os) const override {
    os << (Stutter() ? std::string("(stutter: the walk can go no further)") : text_);
  }

 private:
  bool Stutter() const { return action_.is_null(); }

  bool Resolve(const ClusterWorld& world, const WorldState& s, WorldAction* a,
               std::string* error) const {
    base::Result<WorldAction> r = WorldSpec::ActionFromJson(world, s, action_, {});
    if (r.ok()) *a = *r;
    if (!r.ok() && error) *error = r.status().message();
    return r.ok();
  }

  // Writes this execution as a trace and fails the case with a message naming the property.
  static void Fail(WorldSut& sut, const engine::Violation& v) {
    FailureLog& log = *sut.log;
    const std::size_t length = sut.actions.size();
    const traces::Trace trace = test_traces::MakeWorldTrace(
        *sut.world, sut.actions, traces::Verdict{v.property, length, v.message});
    const base::Status status = traces::WriteTraceFile(log.path, trace);
    const bool written = status.ok();
    const std::string error = status.message();
    if (log.failures++ == 0) log.first_length = length;
    log.last_length = length;
    log.property = v.property;
    RC_FAIL("violation of " + v.property + " after " + std::to_string(length) +
            " actions: " + v.message + "\n" +
            (written ? "trace: " + log.path + "  (raftcheck replay " + log.path + ")"
                     : "trace NOT written: " + error));
  }

  nlohmann::json action_;  // null for a stutter
  std::string text_;       // for humans: the action in the state it was drawn in
};

}  // namespace

void CheckWorldCommands(const WorldConfig& config, FailureLog* log) {
  auto world = std::make_shared<const ClusterWorld>(config);
  const WorldModel model{world, InitialState(*world)};
  WorldSut sut(world, log);
  if (const auto v = sut.props.CheckState(sut.state)) {
    RC_FAIL("the initial state violates " + v->property + ": " + v->message);
  }
  rc::state::check(model, sut, rc::state::gen::execOneOfWithArgs<WorldCommand>());
  // How far the walks got before they could go no further (rapidcheck prints the shares).
  const std::size_t n = sut.actions.size();
  RC_TAG(n < 10 ? "walk of 0-9 actions" : n < 30 ? "walk of 10-29 actions" : "walk of 30+ actions");
}

}  // namespace raftcheck::proptest
