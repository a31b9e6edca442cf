// Trace: one counterexample or scenario as a file. A JSON document:
//   {"format": "raftcheck-trace", "version": 1, "system": "impl",
//    "config": {...}, "seed": 42 (optional), "actions": [{...}, ...],
//    "verdict": {"property": "...", "step": N, "message": "..."} (optional),
//    "expect": [{"node": 1, "role": "leader", ...}] (optional, traces/expect.h)}
// The config and actions are the system's own JSON (checker/world/world_json.h); this file
// only knows the envelope. traces/FORMAT.md documents the whole format.
#ifndef RAFTCHECK_TRACES_TRACE_H_
#define RAFTCHECK_TRACES_TRACE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace traces {

inline constexpr const char* kFormat = "raftcheck-trace";
inline constexpr int kVersion = 1;

struct Verdict {
  std::string property;
  std::size_t step = 0;  // 1-based: the action after which the property failed
  std::string message;
  bool operator==(const Verdict&) const = default;
};

struct Trace {
  std::string system;                   // "impl" or "model"
  nlohmann::json config;                // the system's configuration
  std::optional<std::uint64_t> seed;    // for traces found by simulation
  std::vector<nlohmann::json> actions;  // the system's actions, by content
  std::optional<Verdict> verdict;       // absent in hand-written scenarios
  std::optional<nlohmann::json> expect; // expected final state (scenarios; traces/expect.h)
  bool operator==(const Trace&) const = default;
};

nlohmann::json TraceToJson(const Trace& t);
// Strict: unknown or missing fields, a wrong format or version are errors. On error returns
// false and sets *error to a one-line reason naming the field.
bool TraceFromJson(const nlohmann::json& j, Trace* t, std::string* error);

// Files. Errors name the path.
bool WriteTraceFile(const std::string& path, const Trace& t, std::string* error);
bool ReadTraceFile(const std::string& path, Trace* t, std::string* error);

}  // namespace traces

#endif  // RAFTCHECK_TRACES_TRACE_H_
