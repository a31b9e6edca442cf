// The exit codes of the CLI contract, chosen here and nowhere else.
#ifndef RAFTCHECK_CHECKER_CLI_EXIT_CODES_H_
#define RAFTCHECK_CHECKER_CLI_EXIT_CODES_H_

namespace raftcheck::cli {

inline constexpr int kExitOk = 0;          // no violation
inline constexpr int kExitViolation = 1;   // a violation was found (a trace was written)
inline constexpr int kExitUsage = 2;       // usage or input error (one line on stderr)
inline constexpr int kExitIncomplete = 3;  // a limit stopped the run before it finished

}  // namespace raftcheck::cli

#endif  // RAFTCHECK_CHECKER_CLI_EXIT_CODES_H_
