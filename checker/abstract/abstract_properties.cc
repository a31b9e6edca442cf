#include "checker/abstract/abstract_properties.h"

#include "model/abstract/abstract_lemmas.h"

namespace raftcheck {

std::optional<engine::Violation> AbstractProperties::CheckState(
    const model::abstract::State& s) const {
  std::optional<model::abstract::LemmaFailure> f =
      model::abstract::FirstFailingLemma(model_.config().servers, s);
  if (!f) return std::nullopt;
  return engine::Violation{std::string(model::abstract::LemmaName(f->lemma)),
                           std::move(f->message)};
}

}  // namespace raftcheck
