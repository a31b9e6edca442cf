// Timeline: a replayed trace as the views (text, Mermaid, HTML, JSON) draw it, independent of
// the system that produced it: per step who acted, which message moved between which nodes,
// one human line, and every node's observed state after the step.
#ifndef RAFTCHECK_TRACES_TIMELINE_H_
#define RAFTCHECK_TRACES_TIMELINE_H_

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "properties/observation.h"
#include "traces/trace.h"

namespace traces {

struct TimelineStep {
  // What happened: "deliver", "drop", "duplicate" (message actions), or a node's own action
  // ("timeout", "heartbeat", "propose", "crash", "restart", "ready").
  std::string kind;
  int node = 0;           // 1-based: the node that acts (the destination of a message)
  int from = 0;           // 1-based sender for message actions, else 0
  std::string label;      // short: the message ("App t2 i1 lt1 c0 [t2:v1]") or "propose v1"
  std::string text;       // the whole narration line
  props::Observation after;
};

struct Timeline {
  std::string system;             // the registered system's name
  nlohmann::json config;          // as in the trace
  int nodes = 0;
  props::Observation initial;
  std::vector<TimelineStep> steps;
  std::optional<Verdict> violation;  // the property that broke after step violation->step
  std::string stopped;               // why the replay ended early ("" when it did not)

  bool IsMessageStep(std::size_t k) const { return steps[k].from != 0; }
};

}  // namespace traces

#endif  // RAFTCHECK_TRACES_TIMELINE_H_
