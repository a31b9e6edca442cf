// AbstractProperties: the lemmas of AbstractRaft (model/abstract/abstract_lemmas.h) as the
// engine's PropertyChecker. Every lemma is a state invariant; a violation is named after the
// first lemma (in IndGlobal order) that fails. There are no action properties.
#ifndef RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_PROPERTIES_H_
#define RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_PROPERTIES_H_

#include <optional>

#include "checker/engine/properties.h"
#include "model/abstract/abstract_raft.h"

namespace raftcheck {

class AbstractProperties {
 public:
  explicit AbstractProperties(const model::abstract::AbstractRaft& model) : model_(model) {}

  std::optional<engine::Violation> CheckState(const model::abstract::State& s) const;
  std::optional<engine::Violation> CheckStep(const model::abstract::State&,
                                             const model::abstract::Action&,
                                             const model::abstract::State&) const {
    return std::nullopt;
  }

 private:
  const model::abstract::AbstractRaft& model_;
};

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_PROPERTIES_H_
