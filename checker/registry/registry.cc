#include "checker/registry/registry.h"

#include <cstdio>
#include <cstdlib>

namespace raftcheck::registry {

void Registry::Add(std::unique_ptr<SystemEntry> entry) {
  if (Find(entry->name()).ok()) {
    std::fprintf(stderr, "raftcheck: system %s registered twice\n",
                 std::string(entry->name()).c_str());
    std::abort();
  }
  systems_.push_back(std::move(entry));
}

base::Result<const SystemEntry*> Registry::Find(std::string_view name) const {
  for (const auto& s : systems_) {
    if (s->name() == name) return s.get();
  }
  return base::Status::NotFound("unknown system \"" + std::string(name) + "\" (" + Names() + ")");
}

std::string Registry::Names() const {
  std::string out;
  for (const auto& s : systems_) out += (out.empty() ? "" : "|") + std::string(s->name());
  return out;
}

}  // namespace raftcheck::registry
