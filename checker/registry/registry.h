// Registry: the systems this binary knows, by name (`--system NAME`). Filled once, in
// checker/cli/registered_systems.cc (one line per system), and read-only afterwards.
#ifndef RAFTCHECK_CHECKER_REGISTRY_REGISTRY_H_
#define RAFTCHECK_CHECKER_REGISTRY_REGISTRY_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "checker/registry/system.h"

namespace raftcheck::registry {

class Registry {
 public:
  // REQUIRES: no system of the same name is registered.
  void Add(std::unique_ptr<SystemEntry> entry);
  // The system named `name`, or NotFound listing the names.
  base::Result<const SystemEntry*> Find(std::string_view name) const;
  // In registration order; the first is the default system.
  const std::vector<std::unique_ptr<SystemEntry>>& systems() const { return systems_; }
  // "impl|model|abstract".
  std::string Names() const;

 private:
  std::vector<std::unique_ptr<SystemEntry>> systems_;
};

}  // namespace raftcheck::registry

#endif  // RAFTCHECK_CHECKER_REGISTRY_REGISTRY_H_
