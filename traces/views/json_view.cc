// RenderJson and TimelineToJson: a timeline as a JSON document for tools (views.h).
#include "traces/views/node_state.h"
#include "traces/views/views.h"

namespace traces::views {
namespace {

using nlohmann::ordered_json;

ordered_json StateJson(const props::Observation& obs) {
  ordered_json out = ordered_json::array();
  for (std::size_t i = 0; i < obs.nodes.size(); ++i) {
    out.push_back(NodeStateJson(obs.nodes[i], static_cast<int>(i) + 1));
  }
  return out;
}

ordered_json ChangesJson(const props::Observation& before, const props::Observation& after) {
  ordered_json out = ordered_json::array();
  for (std::size_t i = 0; i < after.nodes.size() && i < before.nodes.size(); ++i) {
    for (const FieldChange& c : DiffNodeViews(before.nodes[i], after.nodes[i])) {
      out.push_back({{"node", i + 1}, {"field", c.field}, {"text", c.text}});
    }
  }
  return out;
}

// Compact, with invalid UTF-8 (a system's label may carry raw bytes) replaced, not thrown.
std::string Dump(const ordered_json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

ordered_json TimelineToJson(const Timeline& tl) {
  ordered_json j;
  j["format"] = "raftcheck-timeline";
  j["version"] = 1;
  j["system"] = tl.system;
  j["nodes"] = tl.nodes;
  j["config"] = tl.config;
  j["initial"] = StateJson(tl.initial);
  j["steps"] = ordered_json::array();
  const props::Observation* before = &tl.initial;
  for (std::size_t k = 0; k < tl.steps.size(); ++k) {
    const TimelineStep& s = tl.steps[k];
    j["steps"].push_back({{"step", k + 1},
                          {"kind", s.kind},
                          {"node", s.node},
                          {"from", s.from},
                          {"label", s.label},
                          {"text", s.text},
                          {"changes", ChangesJson(*before, s.after)},
                          {"state", StateJson(s.after)}});
    before = &s.after;
  }
  j["violation"] = nullptr;
  if (tl.violation) {
    j["violation"] = {{"property", tl.violation->property},
                      {"step", tl.violation->step},
                      {"message", tl.violation->message}};
  }
  j["stopped"] = tl.stopped;
  j["outcome"] = OutcomeSentence(tl);
  return j;
}

std::string RenderJson(const Timeline& tl) {
  // Laid out for people who open the file too: one top-level field, or one step, per line.
  const ordered_json j = TimelineToJson(tl);
  std::string out = "{\n";
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    out += std::string(first ? "" : ",\n") + " " + Dump(key) + ": ";
    first = false;
    if (key != "steps" || value.empty()) {
      out += Dump(value);
      continue;
    }
    out += "[\n";
    for (std::size_t k = 0; k < value.size(); ++k) {
      out += "  " + Dump(value[k]) + (k + 1 < value.size() ? ",\n" : "\n");
    }
    out += " ]";
  }
  return out + "\n}\n";
}

}  // namespace traces::views
