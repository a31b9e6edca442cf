// AbstractRaft's actions and states in JSON, for trace files (system "abstract") and for the
// states `raftcheck prove` prints; its config's JSON comes from its schema
// (abstract_system.cc). Servers are numbered from 1 (s1..sN), log indices too.
//
//   config  {"nodes": 3, "max_term": 3, "max_log": 3, "bugs": ["abstract-double-vote"]}
//   action  {"kind": "ClientRequest", "node": 1}            also CommitEntry
//           {"kind": "GetEntries", "node": 2, "peer": 1}     also RollbackEntries, UpdateTerms
//           {"kind": "BecomeLeader", "node": 1, "quorum": [1, 2]}
//   state   {"servers": [{"term": 1, "role": "primary", "log": [1, 1]}, ...],
//            "committed": [[1, 1]]}                          (index, term) pairs, sorted
#ifndef RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_JSON_H_
#define RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_JSON_H_

#include <nlohmann/json.hpp>
#include <string>

#include "base/status.h"
#include "model/abstract/abstract_raft.h"

namespace raftcheck {

nlohmann::json AbstractActionToJson(const model::abstract::Action& a, int servers);
// Reads an action of a model of `servers` servers (whether it is enabled is not checked).
// Errors: InvalidArgument naming the field.
base::Result<model::abstract::Action> AbstractActionFromJson(const nlohmann::json& j,
                                                             int servers);

nlohmann::json AbstractStateToJson(const model::abstract::State& s, int servers);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_ABSTRACT_ABSTRACT_JSON_H_
