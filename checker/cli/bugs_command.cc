// raftcheck bugs: the seeded-bug catalog, one per line: name, property it breaks, summary.
#include <cstdio>

#include "checker/cli/commands.h"
#include "checker/cli/flags.h"
#include "checker/cli/world_options.h"
#include "impl/bugs.h"
#include "model/model_config.h"

namespace raftcheck::cli {

int RunBugs(const std::vector<std::string>& args) {
  Flags flags("bugs");
  if (std::string error = flags.Parse(args, nullptr); !error.empty()) {
    std::fprintf(stderr, "raftcheck bugs: %s\n", error.c_str());
    return kExitUsage;
  }
  for (const raft::BugInfo& b : raft::BugCatalog()) {
    std::printf("%-26.*s %-30.*s %.*s%s%.*s%s\n", static_cast<int>(b.name.size()), b.name.data(),
                static_cast<int>(b.breaks.size()), b.breaks.data(),
                static_cast<int>(b.summary.size()), b.summary.data(),
                b.needs.empty() ? "" : " [needs: ", static_cast<int>(b.needs.size()),
                b.needs.data(), b.needs.empty() ? "" : "]");
  }
  for (const model::ModelBugInfo& b : model::ModelBugCatalog()) {  // explore --system model
    std::printf("%-26.*s %-30.*s %.*s [needs: --system model]\n", static_cast<int>(b.name.size()),
                b.name.data(), static_cast<int>(b.breaks.size()), b.breaks.data(),
                static_cast<int>(b.summary.size()), b.summary.data());
  }
  return kExitOk;
}

}  // namespace raftcheck::cli
