// Test helpers: breadth-first search of AbstractRaft with its lemmas, and configurations.
#ifndef RAFTCHECK_TESTS_SMT_ABSTRACT_SEARCH_H_
#define RAFTCHECK_TESTS_SMT_ABSTRACT_SEARCH_H_

#include <functional>
#include <vector>

#include "checker/abstract/abstract_properties.h"
#include "checker/engine/bfs.h"
#include "model/abstract/abstract_raft.h"

namespace raftcheck::testing {

inline model::abstract::AbstractConfig Config(int servers, int max_term, int max_log,
                                              std::vector<model::abstract::AbstractBug> bugs = {}) {
  model::abstract::AbstractConfig c;
  c.servers = servers;
  c.max_term = max_term;
  c.max_log = max_log;
  for (model::abstract::AbstractBug b : bugs) c.Add(b);
  return c;
}

// BFS with the lemmas as properties; `visit` sees every stored state.
inline engine::SearchResult<model::abstract::Action> ExploreAbstract(
    const model::abstract::AbstractConfig& c,
    const std::function<void(const model::abstract::State&)>& visit = nullptr) {
  const model::abstract::AbstractRaft m(c);
  const AbstractProperties props(m);
  engine::SearchOptions o;
  o.threads = 2;
  auto visitor = [&](std::uint32_t, std::uint32_t, const model::abstract::State& s) {
    if (visit) visit(s);
  };
  return engine::Bfs(m, props, o, visitor);
}

}  // namespace raftcheck::testing

#endif  // RAFTCHECK_TESTS_SMT_ABSTRACT_SEARCH_H_
