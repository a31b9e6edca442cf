#include "model/model_config.h"

#include <string>

namespace model {
namespace {

constexpr ModelBugInfo kCatalog[] = {
    {ModelBug::kCommitPriorTerm, "tla-commit-prior-term",
     "raft.tla: a leader commits by counting replicas of an earlier-term entry (Figure 8)"},
    {ModelBug::kVoteTwice, "tla-vote-twice",
     "raft.tla: a server grants a vote in a term where it already voted for another"},
};
static_assert(base::CatalogInEnumOrder(kCatalog));

base::Status Range(const char* field, int value, int min, int max) {
  if (value >= min && value <= max) return base::Status::OK();
  return base::Status::InvalidArgument(std::string(field) + " must be from " +
                                       std::to_string(min) + " to " + std::to_string(max) +
                                       " for the model, not " + std::to_string(value));
}

}  // namespace

std::span<const ModelBugInfo> ModelBugCatalog() { return kCatalog; }

std::optional<ModelBug> ModelBugFromName(std::string_view name) {
  return base::FindBug(ModelBugCatalog(), name);
}

std::string_view ModelBugName(ModelBug bug) { return kCatalog[static_cast<int>(bug)].name; }

base::Status ModelConfig::Validate() const {
  for (const base::Status& s : {Range("nodes", servers, 1, kMaxServers),
                                Range("values", values, 0, kMaxValues),
                                Range("max_term", max_term, 1, kMaxTermBound),
                                Range("max_log", max_log, 0, kLogCapacity - 1),
                                Range("max_msgs", max_msgs, 0, kBagCapacity - 1)}) {
    if (!s.ok()) return s;
  }
  return base::Status::OK();
}

}  // namespace model
