#include "model/model_config.h"

namespace model {
namespace {

std::string Range(const char* name, int value, int min, int max) {
  if (value >= min && value <= max) return "";
  return std::string(name) + " must be from " + std::to_string(min) + " to " +
         std::to_string(max) + " for the model, not " + std::to_string(value);
}

}  // namespace

const std::vector<ModelBugInfo>& ModelBugCatalog() {
  static const std::vector<ModelBugInfo> kCatalog = {
      {ModelBug::kCommitPriorTerm, "tla-commit-prior-term", "spec-commit",
       "raft.tla: a leader commits by counting replicas of an earlier-term entry (Figure 8)"},
      {ModelBug::kVoteTwice, "tla-vote-twice", "spec-vote",
       "raft.tla: a server grants a vote in a term where it already voted for another"},
  };
  return kCatalog;
}

std::optional<ModelBug> ModelBugFromName(std::string_view name) {
  for (const ModelBugInfo& info : ModelBugCatalog()) {
    if (info.name == name) return info.bug;
  }
  return std::nullopt;
}

std::string_view ModelBugName(ModelBug bug) {
  return ModelBugCatalog()[static_cast<int>(bug)].name;
}

std::string ModelConfig::Validate() const {
  for (const std::string& e : {Range("--nodes", servers, 1, kMaxServers),
                               Range("--values", values, 0, kMaxValues),
                               Range("--max-term", max_term, 1, kMaxTermBound),
                               Range("--max-log", max_log, 0, kLogCapacity - 1),
                               Range("--max-msgs", max_msgs, 0, kBagCapacity - 1)}) {
    if (!e.empty()) return e;
  }
  if (bugs >> kModelBugCount) return "unknown model bug bits";
  return "";
}

}  // namespace model
