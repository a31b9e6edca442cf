// raftcheck bugs: every registered system's seeded-bug catalog, one bug per line:
//   NAME SYSTEM PROPERTY-IT-BREAKS-FIRST SUMMARY [shown by ...]
// (the first two columns are what tools such as the nightly read). With --json, one JSON
// array of the catalog instead, bounds included.
#include <cstdio>

#include <nlohmann/json.hpp>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "checker/cli/registered_systems.h"

namespace raftcheck::cli {

int RunBugs(const std::vector<std::string>& args) {
  bool json = false;
  registry::OptionList o;
  o.Switch("json", &json, true, "print the catalog as one JSON array (bounds included)");
  CommandLine line("bugs", "Lists every system's seeded bugs.");
  line.Add(o);
  if (std::optional<int> code = line.Parse(args)) return *code;
  nlohmann::json all = nlohmann::json::array();
  for (const auto& system : Systems().systems()) {
    for (const registry::BugInfo& b : system->bugs()) {
      if (json) {
        all.push_back({{"name", b.name},
                       {"system", system->name()},
                       {"property", b.property},
                       {"breaks", b.breaks},
                       {"liveness", b.liveness},
                       {"shown_by", b.shown_by},
                       {"deep", b.deep},
                       {"summary", b.summary},
                       {"bounds", b.bounds}});
        continue;
      }
      const std::string note = b.shown_by != "explore" ? " [shown by " + b.shown_by + "]"
                               : b.deep ? " [deep: exhaustive search in the nightly, swarm in CI]"
                                        : "";
      std::printf("%-26s %-9s %-28s %s%s\n", b.name.c_str(), std::string(system->name()).c_str(),
                  b.property.c_str(), b.summary.c_str(), note.c_str());
    }
  }
  if (json) std::printf("%s\n", all.dump().c_str());
  return kExitOk;
}

}  // namespace raftcheck::cli
