#include "model/abstract/abstract_config.h"

namespace model::abstract {
namespace {

std::string Range(const char* flag, int value, int min, int max) {
  if (value >= min && value <= max) return "";
  return std::string(flag) + " must be from " + std::to_string(min) + " to " + std::to_string(max) +
         " for the abstract model, not " + std::to_string(value);
}

}  // namespace

const std::vector<AbstractBugInfo>& AbstractBugCatalog() {
  static const std::vector<AbstractBugInfo> kCatalog = {
      {AbstractBug::kDoubleVote, "abstract-double-vote", "OnePrimaryPerTerm",
       "AbstractRaft: a server votes in a term it has already reached (two primaries per term)"},
      {AbstractBug::kCommitOldTerm, "abstract-commit-old-term", "LeaderCompleteness",
       "AbstractRaft: a primary commits its last entry though it is of an older term (Figure 8)"},
  };
  return kCatalog;
}

std::optional<AbstractBug> AbstractBugFromName(std::string_view name) {
  for (const AbstractBugInfo& info : AbstractBugCatalog()) {
    if (info.name == name) return info.bug;
  }
  return std::nullopt;
}

std::string_view AbstractBugName(AbstractBug bug) {
  return AbstractBugCatalog()[static_cast<int>(bug)].name;
}

std::string AbstractConfig::Validate() const {
  for (const std::string& e :
       {Range("--nodes", servers, 1, kMaxServers), Range("--max-term", max_term, 1, kMaxTermBound),
        Range("--max-log", max_log, 1, kLogCapacity - 1)}) {
    if (!e.empty()) return e;
  }
  if (bugs >> kAbstractBugCount) return "unknown abstract bug bits";
  return "";
}

}  // namespace model::abstract
