#include "checker/cli/command_line.h"

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <memory>

#include "checker/cli/exit_codes.h"

namespace raftcheck::cli {
namespace {

// "help [default 2; 1..250]".
std::string Describe(const registry::OptionSpec& s) {
  std::string extra;
  if (!s.default_text.empty()) extra += "default " + s.default_text;
  if (!s.range_text.empty()) extra += (extra.empty() ? "" : "; ") + s.range_text;
  if (s.repeatable) extra += (extra.empty() ? "" : "; ") + std::string("repeatable");
  return extra.empty() ? s.help : s.help + " [" + extra + "]";
}

}  // namespace

int UsageError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "raftcheck %s: %s\n", command.c_str(), message.c_str());
  return kExitUsage;
}

CommandLine::CommandLine(std::string command, std::string summary)
    : command_(std::move(command)), summary_(std::move(summary)) {}

void CommandLine::Add(const registry::OptionList& options) {
  for (const registry::OptionSpec& s : options.specs()) specs_.push_back(s);
}

void CommandLine::Positional(std::string name, std::string* out, std::string help) {
  positionals_.emplace_back(std::move(name), out);
  positional_help_.push_back(std::move(help));
}

void CommandLine::Foreign(const std::string& flag, std::string why) {
  foreign_.emplace(flag, std::move(why));
}

std::optional<int> CommandLine::Parse(const std::vector<std::string>& args) {
  CLI::App app(summary_, "raftcheck " + command_);
  app.allow_extras();
  app.set_help_flag("--help", "print every option with its default and range, and exit");
  // Values are collected as text, then applied by each option's own setter (the one place
  // that validates them), so that every error names the flag the same way.
  std::vector<std::vector<std::string>> values(specs_.size());
  std::vector<CLI::Option*> opts(specs_.size());
  for (std::size_t k = 0; k < specs_.size(); ++k) {
    const registry::OptionSpec& s = specs_[k];
    if (s.value_name.empty()) {
      opts[k] = app.add_flag("--" + s.name)->description(Describe(s));
    } else {
      opts[k] = app.add_option("--" + s.name, values[k], Describe(s))
                    ->type_name(s.value_name)
                    ->expected(1)
                    ->allow_extra_args(false);
      if (s.repeatable) {
        opts[k]->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
      } else {
        opts[k]->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
      }
    }
  }
  for (std::size_t k = 0; k < positionals_.size(); ++k) {
    app.add_option(positionals_[k].first, *positionals_[k].second, positional_help_[k])
        ->required();
  }
  try {
    // CLI11 wants the arguments in reverse order.
    std::vector<std::string> reversed(args.rbegin(), args.rend());
    app.parse(reversed);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    return UsageError(command_, e.what());
  }
  for (const std::string& extra : app.remaining()) {
    std::string flag = extra;
    if (flag.rfind("--", 0) == 0) {
      flag = flag.substr(2, flag.find('=') == std::string::npos ? std::string::npos
                                                                : flag.find('=') - 2);
      if (auto it = foreign_.find(flag); it != foreign_.end()) {
        return UsageError(command_, it->second);
      }
      return UsageError(command_, "unknown flag --" + flag + " (raftcheck " + command_ +
                                      " --help lists them)");
    }
    return UsageError(command_, "unexpected argument \"" + extra + "\"");
  }
  // Base options first, then the rest, each in declaration order.
  for (const bool base : {true, false}) {
    for (std::size_t k = 0; k < specs_.size(); ++k) {
      const registry::OptionSpec& s = specs_[k];
      if (s.base != base || opts[k]->count() == 0) continue;
      if (s.value_name.empty()) {
        if (base::Status st = s.apply(""); !st.ok()) return UsageError(command_, st.message());
        continue;
      }
      for (const std::string& v : values[k]) {
        if (base::Status st = s.apply(v); !st.ok()) return UsageError(command_, st.message());
      }
    }
  }
  return std::nullopt;
}

}  // namespace raftcheck::cli
