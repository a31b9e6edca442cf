// The raft.tla model in JSON, for trace files (traces/trace.h, system "model"): its
// configuration, and its actions named by content (a message is written out in full, never as
// a position in the bag), so that a trace still reads correctly after steps are removed.
//
//   config  {"nodes": 3, "values": 1, "max_term": 2, "max_log": 1, "max_msgs": 1, "bugs": []}
//   action  {"kind": "Timeout", "node": 1}            Timeout, Restart, BecomeLeader,
//                                                     AdvanceCommitIndex
//           {"kind": "RequestVote", "node": 1, "to": 2}       also AppendEntries
//           {"kind": "ClientRequest", "node": 1, "value": 1}
//           {"kind": "Receive", "msg": {...}}                 also DuplicateMessage, DropMessage
//   msg     {"type": "AppendEntriesRequest", "from": 1, "to": 2, "term": 2, ...} with every
//           field of its type, named as in raft.tla without the leading m (prevLogIndex, ...).
// Servers are numbered from 1 in JSON (s1..sN), as in TLC's output.
#ifndef RAFTCHECK_CHECKER_MODEL_MODEL_JSON_H_
#define RAFTCHECK_CHECKER_MODEL_MODEL_JSON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/raft_model.h"
#include "traces/trace.h"

namespace raftcheck {

nlohmann::json ModelConfigToJson(const model::ModelConfig& config);
// On error returns false with a one-line reason naming the field.
bool ModelConfigFromJson(const nlohmann::json& j, model::ModelConfig* config,
                         std::string* error);

nlohmann::json ModelMessageToJson(const model::Message& m);
// The action a, taken in state s, by content.
nlohmann::json ModelActionToJson(const model::State& s, const model::Action& a);
// The action j names in state s, if it is enabled there; else false with a reason.
bool ModelActionFromJson(const model::RaftModel& m, const model::State& s,
                         const nlohmann::json& j, model::Action* a, std::string* error);

// The trace (system "model") of `actions` applied from the model's initial state.
traces::Trace MakeModelTrace(const model::RaftModel& m, const std::vector<model::Action>& actions,
                             std::optional<traces::Verdict> verdict,
                             std::optional<std::uint64_t> seed);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_MODEL_MODEL_JSON_H_
