#include "checker/model/model_properties.h"

#include <cstring>

#include "checker/model/model_observe.h"
#include "properties/properties.h"

namespace raftcheck {
namespace {

std::optional<engine::Violation> Convert(std::optional<props::Violation> v) {
  if (!v) return std::nullopt;
  return engine::Violation{std::move(v->property), std::move(v->message)};
}

constexpr props::Promise kPromise = props::Promise::kSpecification;

// Per-thread memory of the last state the engine expanded (the `prev` of CheckStep). The
// engine checks every successor of one state in a row, so it is observed once, not once per
// successor; and since it passed CheckState (the engine never expands a state that did not),
// every successor with the same servers passes the state invariants too, which read the
// servers only. Most successors are such: sends, duplicates and drops change the bag alone.
struct ParentCache {
  const model::RaftModel* model = nullptr;
  int servers = 0;
  model::Server parent[model::kMaxServers];
  props::Observation before;  // of parent
  props::Observation after;   // scratch for a successor
  props::Step step;

  std::size_t Bytes() const { return static_cast<std::size_t>(servers) * sizeof(model::Server); }
  bool Holds(const model::RaftModel& m, const model::Server* s) const {
    return model == &m && servers == m.config().servers &&
           std::memcmp(parent, s, Bytes()) == 0;
  }
  void Remember(const model::RaftModel& m, const model::State& s) {
    model = &m;
    servers = m.config().servers;
    std::memcpy(parent, s.servers, Bytes());
    ObserveModel(m, s, &before);
  }
};

ParentCache& Cache() {
  thread_local ParentCache cache;
  return cache;
}

}  // namespace

std::optional<engine::Violation> ModelProperties::CheckState(const model::State& s) const {
  if (Cache().Holds(model_, s.servers)) return std::nullopt;  // see ParentCache
  // One buffer per thread: the engine calls this concurrently.
  thread_local props::Observation obs;
  ObserveModel(model_, s, &obs);
  return Convert(props::CheckState(obs, kPromise));
}

std::optional<engine::Violation> ModelProperties::CheckStep(const model::State& prev,
                                                            const model::Action& a,
                                                            const model::State& next) const {
  ParentCache& cache = Cache();
  if (!cache.Holds(model_, prev.servers)) cache.Remember(model_, prev);
  // Step properties judge servers only: unchanged servers, nothing to judge.
  if (std::memcmp(prev.servers, next.servers, cache.Bytes()) == 0) return std::nullopt;
  ObserveModel(model_, next, &cache.after);
  DescribeModelStep(prev, a, &cache.step);
  return Convert(props::CheckStep(cache.before, cache.step, cache.after, kPromise));
}

}  // namespace raftcheck
