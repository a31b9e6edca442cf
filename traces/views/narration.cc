#include "traces/views/narration.h"

#include "traces/views/node_state.h"

namespace traces::views {
namespace {

std::string StepNumber(std::size_t k) {
  std::string n = std::to_string(k);
  return std::string(n.size() < 3 ? 3 - n.size() : 0, ' ') + n;
}

// The lines of step k (1-based) of tl, appended with their step number.
void AppendStep(const Timeline& tl, std::size_t k, std::vector<std::string>* lines,
                std::vector<std::size_t>* steps) {
  const props::Observation& before = k == 1 ? tl.initial : tl.steps[k - 2].after;
  const TimelineStep& step = tl.steps[k - 1];
  lines->push_back(StepNumber(k) + ". " + step.text);
  steps->push_back(k);
  for (std::size_t i = 0; i < step.after.nodes.size() && i < before.nodes.size(); ++i) {
    const std::vector<FieldChange> changes = DiffNodeViews(before.nodes[i], step.after.nodes[i]);
    if (changes.empty()) continue;
    lines->push_back("      n" + std::to_string(i + 1) + ": " + JoinChanges(changes));
    steps->push_back(k);
  }
}

void Lines(const Timeline& tl, std::vector<std::string>* lines, std::vector<std::size_t>* steps) {
  for (std::size_t k = 1; k <= tl.steps.size(); ++k) AppendStep(tl, k, lines, steps);
}

}  // namespace

std::vector<std::string> NarrationLines(const Timeline& tl) {
  std::vector<std::string> lines;
  std::vector<std::size_t> steps;
  Lines(tl, &lines, &steps);
  return lines;
}

std::optional<Verdict> CheckNarration(const Timeline& tl,
                                      const std::vector<std::string>& expected) {
  std::vector<std::string> got;
  std::vector<std::size_t> steps;
  Lines(tl, &got, &steps);
  for (std::size_t i = 0; i < got.size() || i < expected.size(); ++i) {
    if (i < got.size() && i < expected.size() && got[i] == expected[i]) continue;
    const std::size_t step = i < steps.size() ? steps[i] : tl.steps.size();
    const std::string want = i < expected.size() ? "\"" + expected[i] + "\"" : "no more lines";
    const std::string have = i < got.size() ? "\"" + got[i] + "\"" : "no more lines";
    return Verdict{kExpectedNarration, step,
                   "line " + std::to_string(i + 1) + " expected " + want + ", got " + have};
  }
  return std::nullopt;
}

}  // namespace traces::views
