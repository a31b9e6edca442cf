// Flags: the command line parser of the raftcheck subcommands. Strict by contract: an unknown
// flag, a missing or malformed value, or a value out of range is a one-line error (the CLI
// prints it and exits 2), never a guess.
#ifndef RAFTCHECK_CHECKER_CLI_FLAGS_H_
#define RAFTCHECK_CHECKER_CLI_FLAGS_H_

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace raftcheck::cli {

class Flags {
 public:
  explicit Flags(std::string command) : command_(std::move(command)) {}

  // --name N with min <= N <= max.
  void Uint(const std::string& name, std::uint64_t* out, std::uint64_t min, std::uint64_t max,
            const std::string& help);
  void Int(const std::string& name, int* out, int min, int max, const std::string& help);
  // --name X, a non-negative number.
  void Seconds(const std::string& name, double* out, const std::string& help);
  // --name (no value): sets *out to `value`.
  void Switch(const std::string& name, bool* out, bool value, const std::string& help);
  void String(const std::string& name, std::string* out, const std::string& help);
  // --name X, one of `choices`.
  void Choice(const std::string& name, std::string* out, std::vector<std::string> choices,
              const std::string& help);
  // --name X, repeatable; each value goes through `accept`, which returns "" or an error.
  void Repeated(const std::string& name, std::function<std::string(const std::string&)> accept,
                const std::string& help);

  // Parses args (after the subcommand). Arguments that do not start with "--" are positionals.
  // Returns "" or a one-line error.
  std::string Parse(const std::vector<std::string>& args, std::vector<std::string>* positionals);
  // One line per flag.
  std::string Usage() const;

 private:
  struct Flag {
    std::string name;
    bool takes_value;
    std::function<std::string(const std::string&)> set;  // "" or an error
    std::string help;
  };
  std::string command_;
  std::vector<Flag> flags_;
};

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_FLAGS_H_
