// RenderText: the narration of a timeline (views.h): a header, the step lines
// (narration.h), the outcome.
#include "traces/views/narration.h"
#include "traces/views/views.h"

namespace traces::views {

std::string RenderText(const Timeline& tl) {
  std::string out =
      tl.system + " trace, " + std::to_string(tl.nodes) + " nodes: " + tl.config.dump() + "\n";
  for (const std::string& line : NarrationLines(tl)) out += line + "\n";
  return out + OutcomeSentence(tl) + "\n";
}

}  // namespace traces::views
