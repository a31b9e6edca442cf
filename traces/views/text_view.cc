// RenderText: the narration of a timeline (views.h).
#include "traces/views/node_state.h"
#include "traces/views/views.h"

namespace traces::views {
namespace {

// One indented line per node whose state differs between the two observations.
void AppendChanges(const props::Observation& before, const props::Observation& after,
                   std::string* out) {
  for (std::size_t i = 0; i < after.nodes.size() && i < before.nodes.size(); ++i) {
    const std::vector<FieldChange> changes = DiffNodeViews(before.nodes[i], after.nodes[i]);
    if (changes.empty()) continue;
    *out += "      n" + std::to_string(i + 1) + ": " + JoinChanges(changes) + "\n";
  }
}

std::string StepNumber(std::size_t k) {
  std::string n = std::to_string(k);
  return std::string(n.size() < 3 ? 3 - n.size() : 0, ' ') + n;
}

}  // namespace

std::string RenderText(const Timeline& tl) {
  std::string out =
      tl.system + " trace, " + std::to_string(tl.nodes) + " nodes: " + tl.config.dump() + "\n";
  const props::Observation* before = &tl.initial;
  for (std::size_t k = 0; k < tl.steps.size(); ++k) {
    const TimelineStep& step = tl.steps[k];
    out += StepNumber(k + 1) + ". " + step.text + "\n";
    AppendChanges(*before, step.after, &out);
    before = &step.after;
  }
  return out + OutcomeSentence(tl) + "\n";
}

}  // namespace traces::views
