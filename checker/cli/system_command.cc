#include "checker/cli/system_command.h"

#include <set>

#include "checker/cli/exit_codes.h"
#include "checker/cli/registered_systems.h"

namespace raftcheck::cli {
namespace {

// The value of the last --system in args, if any.
std::optional<std::string> SystemArg(const std::vector<std::string>& args) {
  std::optional<std::string> name;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--system" && i + 1 < args.size()) name = args[++i];
    if (args[i].rfind("--system=", 0) == 0) name = args[i].substr(9);
  }
  return name;
}

}  // namespace

SystemCommand::SystemCommand(std::string command, std::string summary, registry::Command kind,
                             const std::vector<std::string>& args,
                             std::function<bool(const registry::SystemEntry&)> can_run)
    : command_(std::move(command)),
      summary_(std::move(summary)),
      kind_(kind),
      can_run_(can_run ? std::move(can_run) : [](const registry::SystemEntry&) { return true; }) {
  const registry::Registry& systems = Systems();
  std::string runnable;
  for (const auto& s : systems.systems()) {
    if (!can_run_(*s)) continue;
    runnable += (runnable.empty() ? "" : "|") + std::string(s->name());
    if (!system_) system_ = s.get();
  }
  if (std::optional<std::string> name = SystemArg(args)) {
    base::Result<const registry::SystemEntry*> found = systems.Find(*name);
    if (!found.ok()) {
      system_error_ = found.status().message();
    } else if (!can_run_(**found)) {
      system_error_ = "--system " + *name + " cannot run " + command_ + " (" + runnable + " can)";
    } else {
      system_ = *found;
    }
  }
  system_name_ = system_ ? std::string(system_->name()) : "";
  registry::OptionSpec spec{"system", "the system to check", "NAME", system_name_, runnable};
  spec.apply = [](const std::string&) { return base::Status::OK(); };  // chosen above
  options_.Add(std::move(spec));
  if (system_) {
    builder_ = system_->NewConfig(kind_);
    builder_->Declare(options_);
  }
  options_.String("out", &out_dir_, "DIR", "directory for counterexample traces");
  options_.Switch("json", &json_, true, "end with one JSON result line on stdout");
}

void SystemCommand::Unsupported(const std::string& flag, const std::string& why) {
  unsupported_.emplace_back(flag, why);
}

std::optional<int> SystemCommand::Parse(const std::vector<std::string>& args) {
  if (!system_error_.empty()) return UsageError(command_, system_error_);
  if (!system_) return UsageError(command_, "no registered system can run " + command_);
  CommandLine line(command_, summary_);
  line.Add(options_);
  for (const auto& [flag, why] : unsupported_) line.Foreign(flag, why);
  // Flags that other systems take for this command, and this one does not.
  std::set<std::string> ours;
  for (const registry::OptionSpec& s : options_.specs()) ours.insert(s.name);
  for (const auto& other : Systems().systems()) {
    if (other.get() == system_) continue;
    registry::OptionList theirs;
    other->NewConfig(kind_)->Declare(theirs);
    for (const registry::OptionSpec& s : theirs.specs()) {
      if (!ours.count(s.name)) {
        line.Foreign(s.name, "--" + s.name + " does not apply to --system " + system_name_);
      }
    }
  }
  if (std::optional<int> code = line.Parse(args)) return code;
  base::Result<std::unique_ptr<registry::Instance>> built = builder_->Build();
  if (!built.ok()) return UsageError(command_, built.status().message());
  instance_ = std::move(*built);
  return std::nullopt;
}

}  // namespace raftcheck::cli
