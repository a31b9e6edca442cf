#include "model/abstract/abstract_config.h"

#include <string>

namespace model::abstract {
namespace {

constexpr AbstractBugInfo kCatalog[] = {
    {AbstractBug::kDoubleVote, "abstract-double-vote",
     "AbstractRaft: a server votes in a term it has already reached (two primaries per term)"},
    {AbstractBug::kCommitOldTerm, "abstract-commit-old-term",
     "AbstractRaft: a primary commits its last entry though it is of an older term (Figure 8)"},
};
static_assert(base::CatalogInEnumOrder(kCatalog));

base::Status Range(const char* field, int value, int min, int max) {
  if (value >= min && value <= max) return base::Status::OK();
  return base::Status::InvalidArgument(std::string(field) + " must be from " +
                                       std::to_string(min) + " to " + std::to_string(max) +
                                       " for the abstract model, not " + std::to_string(value));
}

}  // namespace

std::span<const AbstractBugInfo> AbstractBugCatalog() { return kCatalog; }

std::optional<AbstractBug> AbstractBugFromName(std::string_view name) {
  return base::FindBug(AbstractBugCatalog(), name);
}

std::string_view AbstractBugName(AbstractBug bug) { return kCatalog[static_cast<int>(bug)].name; }

base::Status AbstractConfig::Validate() const {
  for (const base::Status& s :
       {Range("nodes", servers, 1, kMaxServers), Range("max_term", max_term, 1, kMaxTermBound),
        Range("max_log", max_log, 1, kLogCapacity - 1)}) {
    if (!s.ok()) return s;
  }
  return base::Status::OK();
}

}  // namespace model::abstract
