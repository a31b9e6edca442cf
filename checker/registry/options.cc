#include "checker/registry/options.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace raftcheck::registry {

bool ParseUint(const std::string& s, std::uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  std::uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    const std::uint64_t d = static_cast<std::uint64_t>(c - '0');
    if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

base::Status ParseBounded(const std::string& name, const std::string& v, std::uint64_t min,
                          std::uint64_t max, std::uint64_t* out) {
  std::uint64_t n = 0;
  if (!ParseUint(v, &n) || n < min || n > max) {
    return base::Status::InvalidArgument("--" + name + " takes a whole number from " +
                                         std::to_string(min) + " to " + std::to_string(max) +
                                         ", not \"" + v + "\"");
  }
  *out = n;
  return base::Status::OK();
}

void OptionList::Uint(const std::string& name, std::uint64_t* out, std::uint64_t min,
                      std::uint64_t max, const std::string& help) {
  // A bound whose default is 0 below its range means "no limit".
  OptionSpec spec{name, help, "N", *out == 0 && min > 0 ? "none" : std::to_string(*out),
                  std::to_string(min) + ".." + (max == UINT64_MAX ? "" : std::to_string(max))};
  spec.apply = [=](const std::string& v) { return ParseBounded(name, v, min, max, out); };
  Add(std::move(spec));
}

void OptionList::Int(const std::string& name, int* out, int min, int max,
                     const std::string& help) {
  OptionSpec spec{name, help, "N", std::to_string(*out),
                  std::to_string(min) + ".." + std::to_string(max)};
  spec.apply = [=](const std::string& v) {
    std::uint64_t n = 0;
    base::Status s = ParseBounded(name, v, static_cast<std::uint64_t>(min),
                                  static_cast<std::uint64_t>(max), &n);
    if (s.ok()) *out = static_cast<int>(n);
    return s;
  };
  Add(std::move(spec));
}

void OptionList::Seconds(const std::string& name, double* out, const std::string& help) {
  std::ostringstream shown;
  shown << *out;
  OptionSpec spec{name, help, "S", *out == 0 ? "none" : shown.str(), ">= 0"};
  spec.apply = [=](const std::string& v) {
    char* end = nullptr;
    errno = 0;
    const double d = std::strtod(v.c_str(), &end);
    if (v.empty() || *end != '\0' || errno != 0 || !(d >= 0) || d > 1e9) {
      return base::Status::InvalidArgument("--" + name + " takes a number of seconds, not \"" +
                                           v + "\"");
    }
    *out = d;
    return base::Status::OK();
  };
  Add(std::move(spec));
}

void OptionList::Switch(const std::string& name, bool* out, bool value, const std::string& help) {
  OptionSpec spec{name, help, "", "", ""};
  spec.apply = [=](const std::string&) {
    *out = value;
    return base::Status::OK();
  };
  Add(std::move(spec));
}

void OptionList::String(const std::string& name, std::string* out, const std::string& value_name,
                        const std::string& help) {
  OptionSpec spec{name, help, value_name, *out, ""};
  spec.apply = [=](const std::string& v) {
    *out = v;
    return base::Status::OK();
  };
  Add(std::move(spec));
}

const OptionSpec* OptionList::Find(const std::string& name) const {
  for (const OptionSpec& s : specs_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace raftcheck::registry
