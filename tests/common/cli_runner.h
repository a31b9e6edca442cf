// Running the raftcheck binary from a test, as other tools do: its exit code and stdout
// (optionally with stderr folded in), and the CLI contract's last JSON line. Tests that use it
// define RAFTCHECK_BINARY (the path of the built binary) in their CMakeLists.
#ifndef RAFTCHECK_TESTS_COMMON_CLI_RUNNER_H_
#define RAFTCHECK_TESTS_COMMON_CLI_RUNNER_H_

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

namespace clitest {

struct CliRun {
  int code = -1;
  std::string out;
};

// Runs `raftcheck ARGS`; stderr is folded into out when with_stderr, else discarded.
inline CliRun Raftcheck(const std::string& args, bool with_stderr = false) {
  const std::string cmd =
      std::string(RAFTCHECK_BINARY) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  CliRun r;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return r;
  std::array<char, 4096> buf;
  while (std::fgets(buf.data(), buf.size(), p)) r.out += buf.data();
  const int status = pclose(p);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

// The last non-empty line of s.
inline std::string LastLine(const std::string& s) {
  const std::size_t end = s.find_last_not_of('\n');
  if (end == std::string::npos) return "";
  const std::size_t begin = s.rfind('\n', end);
  const std::size_t from = begin == std::string::npos ? 0 : begin + 1;
  return s.substr(from, end - from + 1);
}

// The JSON object on the last line (the --json result of the CLI contract).
inline nlohmann::json LastJsonLine(const std::string& out) {
  return nlohmann::json::parse(LastLine(out));
}

}  // namespace clitest

#endif  // RAFTCHECK_TESTS_COMMON_CLI_RUNNER_H_
