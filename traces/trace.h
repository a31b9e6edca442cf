// Trace: one counterexample or scenario as a file. A JSON document:
//   {"format": "raftcheck-trace", "version": 1, "system": "impl",
//    "config": {...}, "seed": 42 (optional), "actions": [{...}, ...],
//    "verdict": {"property": "...", "step": N, "message": "...", "kind": "liveness"} (optional;
//               kind is written only for liveness verdicts, "safety" being the default),
//    "expect": [{"node": 1, "role": "leader", ...}] (optional, traces/expect.h),
//    "narration": ["  1. timeout node 1", "      n1: ...", ...] (optional, traces/narration.h)}
// The config and actions are the system's own JSON (its Spec in checker/<system>/); this file
// only knows the envelope. traces/FORMAT.md documents the whole format.
#ifndef RAFTCHECK_TRACES_TRACE_H_
#define RAFTCHECK_TRACES_TRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/status.h"
#include "checker/registry/system.h"

namespace traces {

inline constexpr const char* kFormat = "raftcheck-trace";
inline constexpr int kVersion = 1;

// What a trace shows: the property that failed after step `step` (1-based; 0: the initial
// state), or a liveness verdict (a fair run that never reached its goal).
using Verdict = raftcheck::registry::Verdict;

struct Trace {
  std::string system;                   // the registered system's name ("impl", "model", ...)
  nlohmann::json config;                // the system's configuration
  std::optional<std::uint64_t> seed;    // for traces found by simulation
  std::vector<nlohmann::json> actions;  // the system's actions, by content
  std::optional<Verdict> verdict;       // absent in hand-written scenarios
  std::optional<nlohmann::json> expect; // expected final state (scenarios; traces/expect.h)
  // Expected narration of every step (scenarios; traces/narration.h): the text view's lines.
  std::optional<std::vector<std::string>> narration;
  bool operator==(const Trace&) const = default;
};

// The trace of a counterexample a search found (its actions already named by content).
Trace FromCounterexample(std::string system, nlohmann::json config,
                         const raftcheck::registry::Counterexample& cx,
                         std::optional<std::uint64_t> seed);

nlohmann::json TraceToJson(const Trace& t);
// Strict: unknown or missing fields, a wrong format or version are errors (InvalidArgument, one
// line naming the field).
base::Result<Trace> TraceFromJson(const nlohmann::json& j);

// Files, one action per line. Errors name the path.
base::Status WriteTraceFile(const std::string& path, const Trace& t);
base::Result<Trace> ReadTraceFile(const std::string& path);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_TRACE_H_
