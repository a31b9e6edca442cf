// The cluster world in JSON: its configuration, and its actions named by content (a message is
// written out in full, never as a position in the network), so that a trace still reads and
// replays correctly after steps are removed from it.
#ifndef RAFTCHECK_CHECKER_WORLD_WORLD_JSON_H_
#define RAFTCHECK_CHECKER_WORLD_WORLD_JSON_H_

#include <string>

#include <nlohmann/json.hpp>

#include "checker/world/cluster_world.h"

namespace raftcheck {

nlohmann::json ConfigToJson(const WorldConfig& config);
// Reads a configuration; on error returns false and sets *error to a one-line reason naming
// the field.
bool ConfigFromJson(const nlohmann::json& j, WorldConfig* config, std::string* error);

nlohmann::json MessageToJson(const raft::Message& m);

// The action `a`, taken in state s, by content.
nlohmann::json ActionToJson(const WorldState& s, const WorldAction& a);
// The action that `j` names in state s, if it is enabled there; else false with a reason.
bool ActionFromJson(const ClusterWorld& world, const WorldState& s, const nlohmann::json& j,
                    WorldAction* a, std::string* error);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_JSON_H_
