// OutcomeSentence: how a replayed run ended, in the one sentence every view ends with.
#include "traces/expect.h"
#include "traces/views/narration.h"
#include "traces/views/views.h"

namespace traces::views {

std::string OutcomeSentence(const Timeline& tl) {
  const std::string steps =
      std::to_string(tl.steps.size()) + (tl.steps.size() == 1 ? " step" : " steps");
  if (tl.violation) {
    const Verdict& v = *tl.violation;
    const std::string where =
        v.step == 0 ? "in the initial state" : "after step " + std::to_string(v.step);
    if (v.property == kExpectedState) return "expected state not met " + where + ": " + v.message;
    if (v.property == kExpectedNarration) {
      return "narration differs from the expected one " + where + ": " + v.message;
    }
    if (v.liveness) return "liveness violation of " + v.property + " " + where + ": " + v.message;
    return "violation of " + v.property + " " + where + ": " + v.message;
  }
  if (!tl.stopped.empty()) {
    return "stopped early at " + tl.stopped + " (no property violated in the " + steps + " before)";
  }
  return "ran clean: " + steps + ", no property violated";
}

}  // namespace traces::views
