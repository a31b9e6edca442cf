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

// The action `a`, taken in state s, by content. A message is written with every field.
nlohmann::json ActionToJson(const WorldState& s, const WorldAction& a);
// The action that `j` names in state s, if it is enabled there; else false with a reason.
// A message in `j` is a pattern: the fields it lists must equal the in-flight message's, and
// it must name exactly one distinct message (copies of one message are one). Written traces
// list every field; hand-written scenarios may leave out what does not matter.
struct ActionLookup {
  // In: when no in-flight message matches, take the closest one of the same type, sender and
  // receiver (most fields equal; the first such in network order on a tie). The minimizer uses
  // this so that removing a step does not disable every later delivery whose message it
  // changed slightly (DEMi's "fuzzy" message matching).
  bool closest_message = false;
  // Out: the action is well formed but not enabled here (no such message in flight, a node
  // that cannot act so), as opposed to malformed.
  bool not_enabled = false;
};
bool ActionFromJson(const ClusterWorld& world, const WorldState& s, const nlohmann::json& j,
                    WorldAction* a, std::string* error, ActionLookup* lookup = nullptr);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_WORLD_JSON_H_
