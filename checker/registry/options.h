// Options: what a command line may set, declared as data so that the command line (CLI11, in
// checker/cli/) and --help are derived from one declaration, and so that a system declares its
// options without knowing how they are parsed.
//
//  - OptionList: the options of one command for one system, each with its help, default and
//    range, and a setter that validates its value (a one-line error naming the flag).
//  - ConfigSchema<Config>: a system's configuration fields, each with its flag and its JSON key,
//    from which the options, the config's JSON (both ways) and its range checks all derive: a
//    bound's limit lives in one place.
#ifndef RAFTCHECK_CHECKER_REGISTRY_OPTIONS_H_
#define RAFTCHECK_CHECKER_REGISTRY_OPTIONS_H_

#include <cstdint>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"

namespace raftcheck::registry {

struct OptionSpec {
  std::string name;          // the flag without dashes: "max-term"
  std::string help;          // one line
  std::string value_name;    // "N", "NAME", "S"; empty for a switch (takes no value)
  std::string default_text;  // shown by --help; empty when there is no default to show
  std::string range_text;    // "1..250", "impl|model"; empty when any value goes
  bool repeatable = false;   // may be given more than once (each value is applied)
  // Applied first, before every other option of its command (--bounds-of: a base that the
  // other flags refine, wherever they stand on the line).
  bool base = false;
  // Validates and applies one value ("" for a switch). Errors name the flag.
  std::function<base::Status(const std::string& value)> apply;
};

class OptionList {
 public:
  void Add(OptionSpec spec) { specs_.push_back(std::move(spec)); }
  // --name N with min <= N <= max, into *out (its current value is the default shown).
  void Uint(const std::string& name, std::uint64_t* out, std::uint64_t min, std::uint64_t max,
            const std::string& help);
  void Int(const std::string& name, int* out, int min, int max, const std::string& help);
  // --name S: a non-negative number of seconds.
  void Seconds(const std::string& name, double* out, const std::string& help);
  // --name (no value): sets *out to `value`.
  void Switch(const std::string& name, bool* out, bool value, const std::string& help);
  void String(const std::string& name, std::string* out, const std::string& value_name,
              const std::string& help);
  const std::vector<OptionSpec>& specs() const { return specs_; }
  const OptionSpec* Find(const std::string& name) const;

 private:
  std::vector<OptionSpec> specs_;
};

// A whole decimal number without sign or spaces; false on anything else or on overflow.
bool ParseUint(const std::string& s, std::uint64_t* out);
// "--name takes a whole number from min to max, not \"v\"" unless min <= v <= max.
base::Status ParseBounded(const std::string& name, const std::string& v, std::uint64_t min,
                          std::uint64_t max, std::uint64_t* out);

template <class Config>
class ConfigSchema {
 public:
  // An integer field. `flag` may be empty (JSON only).
  ConfigSchema& Int(std::string flag, std::string key, int Config::*field, int min, int max,
                    std::string help) {
    fields_.push_back({std::move(flag), std::move(key), std::move(help), field, nullptr, nullptr,
                       static_cast<std::uint64_t>(min), static_cast<std::uint64_t>(max), false});
    return *this;
  }
  ConfigSchema& Uint(std::string flag, std::string key, std::uint64_t Config::*field,
                     std::uint64_t min, std::uint64_t max, std::string help) {
    fields_.push_back({std::move(flag), std::move(key), std::move(help), nullptr, field, nullptr,
                       min, max, false});
    return *this;
  }
  // A boolean field. The switch `flag` sets it to `when_given` (--no-drop sets drop false).
  ConfigSchema& Switch(std::string flag, std::string key, bool Config::*field, bool when_given,
                       std::string help) {
    fields_.push_back({std::move(flag), std::move(key), std::move(help), nullptr, nullptr, field,
                       0, 1, when_given});
    return *this;
  }

  // Every field of c (the bugs are the caller's).
  nlohmann::json ToJson(const Config& c) const {
    nlohmann::json j = nlohmann::json::object();
    for (const Field& f : fields_) {
      if (f.i) j[f.key] = c.*f.i;
      if (f.u) j[f.key] = c.*f.u;
      if (f.b) j[f.key] = c.*f.b;
    }
    return j;
  }

  bool HasKey(const std::string& key) const {
    for (const Field& f : fields_) {
      if (f.key == key) return true;
    }
    return false;
  }

  // Reads the fields present in j into *c (a missing field keeps *c's value). Unknown keys are
  // the caller's to reject. Errors name the field: mistyped, or out of range.
  base::Status FromJson(const nlohmann::json& j, Config* c) const {
    for (const Field& f : fields_) {
      auto it = j.find(f.key);
      if (it == j.end()) continue;
      if (f.b) {
        if (!it->is_boolean()) return Invalid("field \"" + f.key + "\" must be true or false");
        c->*f.b = it->template get<bool>();
        continue;
      }
      // Unsigned when parsed from text; a non-negative signed integer when built in memory.
      if (!it->is_number_integer() ||
          (!it->is_number_unsigned() && it->template get<std::int64_t>() < 0)) {
        return Invalid("field \"" + f.key + "\" must be a non-negative integer");
      }
      const std::uint64_t v = it->template get<std::uint64_t>();
      if (v < f.min || v > f.max) return OutOfRange(f, std::to_string(v));
      if (f.i) c->*f.i = static_cast<int>(v);
      if (f.u) c->*f.u = v;
    }
    return base::Status::OK();
  }

  // OK when every numeric field of c is within its range; else an error naming the field.
  base::Status CheckRanges(const Config& c) const {
    for (const Field& f : fields_) {
      std::uint64_t v = 0;
      if (f.i) {
        if (c.*f.i < 0) return OutOfRange(f, std::to_string(c.*f.i));
        v = static_cast<std::uint64_t>(c.*f.i);
      } else if (f.u) {
        v = c.*f.u;
      } else {
        continue;
      }
      if (v < f.min || v > f.max) return OutOfRange(f, std::to_string(v));
    }
    return base::Status::OK();
  }

  // One option per field that has a flag, writing into *target; the defaults shown are *target's
  // values at the time of the call.
  void Declare(OptionList& options, Config* target) const {
    for (const Field& f : fields_) {
      if (f.flag.empty()) continue;
      OptionSpec spec;
      spec.name = f.flag;
      spec.help = f.help;
      if (f.b) {
        bool* out = &(target->*f.b);
        const bool value = f.when_given;
        spec.apply = [out, value](const std::string&) {
          *out = value;
          return base::Status::OK();
        };
      } else {
        spec.value_name = "N";
        spec.default_text = f.i ? std::to_string(target->*f.i) : std::to_string(target->*f.u);
        spec.range_text = std::to_string(f.min) + ".." + std::to_string(f.max);
        int* iout = f.i ? &(target->*f.i) : nullptr;
        std::uint64_t* uout = f.u ? &(target->*f.u) : nullptr;
        const std::uint64_t min = f.min, max = f.max;
        const std::string name = f.flag;
        spec.apply = [=](const std::string& v) {
          std::uint64_t n = 0;
          base::Status s = ParseBounded(name, v, min, max, &n);
          if (s.ok() && iout) *iout = static_cast<int>(n);
          if (s.ok() && uout) *uout = n;
          return s;
        };
      }
      options.Add(std::move(spec));
    }
  }

 private:
  struct Field {
    std::string flag;
    std::string key;
    std::string help;
    int Config::*i;
    std::uint64_t Config::*u;
    bool Config::*b;
    std::uint64_t min, max;
    bool when_given;
  };

  static base::Status Invalid(std::string msg) {
    return base::Status::InvalidArgument(std::move(msg));
  }
  static base::Status OutOfRange(const Field& f, const std::string& v) {
    return Invalid(f.key + " must be from " + std::to_string(f.min) + " to " +
                   std::to_string(f.max) + ", not " + v);
  }

  std::vector<Field> fields_;
};

}  // namespace raftcheck::registry

#endif  // RAFTCHECK_CHECKER_REGISTRY_OPTIONS_H_
