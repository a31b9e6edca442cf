#include "checker/cli/flags.h"

#include <cerrno>
#include <cstdlib>

namespace raftcheck::cli {
namespace {

// Parses a whole decimal unsigned number; false on anything else (sign, spaces, overflow).
bool ParseUint(const std::string& s, std::uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (UINT64_MAX - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

}  // namespace

void Flags::Uint(const std::string& name, std::uint64_t* out, std::uint64_t min,
                 std::uint64_t max, const std::string& help) {
  flags_.push_back({name, true,
                    [=](const std::string& v) -> std::string {
                      std::uint64_t n = 0;
                      if (!ParseUint(v, &n) || n < min || n > max) {
                        return "--" + name + " takes a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max) + ", not \"" + v + "\"";
                      }
                      *out = n;
                      return "";
                    },
                    help});
}

void Flags::Int(const std::string& name, int* out, int min, int max, const std::string& help) {
  flags_.push_back({name, true,
                    [=](const std::string& v) -> std::string {
                      std::uint64_t n = 0;
                      if (!ParseUint(v, &n) || n < static_cast<std::uint64_t>(min) ||
                          n > static_cast<std::uint64_t>(max)) {
                        return "--" + name + " takes a whole number from " + std::to_string(min) +
                               " to " + std::to_string(max) + ", not \"" + v + "\"";
                      }
                      *out = static_cast<int>(n);
                      return "";
                    },
                    help});
}

void Flags::Seconds(const std::string& name, double* out, const std::string& help) {
  flags_.push_back({name, true,
                    [=](const std::string& v) -> std::string {
                      char* end = nullptr;
                      errno = 0;
                      const double d = std::strtod(v.c_str(), &end);
                      if (v.empty() || *end != '\0' || errno != 0 || !(d >= 0) || d > 1e9) {
                        return "--" + name + " takes a number of seconds, not \"" + v + "\"";
                      }
                      *out = d;
                      return "";
                    },
                    help});
}

void Flags::Switch(const std::string& name, bool* out, bool value, const std::string& help) {
  flags_.push_back({name, false,
                    [=](const std::string&) -> std::string {
                      *out = value;
                      return "";
                    },
                    help});
}

void Flags::String(const std::string& name, std::string* out, const std::string& help) {
  flags_.push_back({name, true,
                    [=](const std::string& v) -> std::string {
                      *out = v;
                      return "";
                    },
                    help});
}

void Flags::Choice(const std::string& name, std::string* out, std::vector<std::string> choices,
                   const std::string& help) {
  flags_.push_back({name, true,
                    [=](const std::string& v) -> std::string {
                      for (const std::string& c : choices) {
                        if (c == v) {
                          *out = v;
                          return "";
                        }
                      }
                      std::string all;
                      for (const std::string& c : choices) all += (all.empty() ? "" : "|") + c;
                      return "--" + name + " takes " + all + ", not \"" + v + "\"";
                    },
                    help});
}

void Flags::Repeated(const std::string& name,
                     std::function<std::string(const std::string&)> accept,
                     const std::string& help) {
  flags_.push_back({name, true, std::move(accept), help});
}

std::string Flags::Parse(const std::vector<std::string>& args,
                         std::vector<std::string>* positionals) {
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      if (!positionals) return "unexpected argument \"" + arg + "\"";
      positionals->push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::string value;
    bool inline_value = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
      inline_value = true;
    }
    const Flag* flag = nullptr;
    for (const Flag& f : flags_) {
      if (f.name == name) flag = &f;
    }
    if (!flag) return "unknown flag --" + name + " (raftcheck " + command_ + " --help lists them)";
    if (flag->takes_value && !inline_value) {
      if (i + 1 >= args.size()) return "--" + name + " needs a value";
      value = args[++i];
    } else if (!flag->takes_value && inline_value) {
      return "--" + name + " takes no value";
    }
    if (std::string error = flag->set(value); !error.empty()) return error;
  }
  return "";
}

std::string Flags::Usage() const {
  std::string out;
  for (const Flag& f : flags_) {
    std::string left = "  --" + f.name + (f.takes_value ? " X" : "");
    if (left.size() < 24) left.resize(24, ' ');
    out += left + " " + f.help + "\n";
  }
  return out;
}

}  // namespace raftcheck::cli
