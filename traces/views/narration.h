// Expected narrations, in the spirit of etcd's datadriven interaction tests: a scenario file
// may carry in "narration" the text view's lines for every step (the step line and the fields
// that changed), so that replay checks every step, not only the end, and a behaviour change
// shows as a readable diff. `raftcheck replay FILE --rewrite` regenerates them.
#ifndef RAFTCHECK_TRACES_VIEWS_NARRATION_H_
#define RAFTCHECK_TRACES_VIEWS_NARRATION_H_

#include <optional>
#include <string>
#include <vector>

#include "traces/timeline.h"

namespace traces {

// The property under which a narration that differs from the expected one is reported.
inline constexpr const char* kExpectedNarration = "expected-narration";

namespace views {

// The text view's lines of the steps: per step "  K. what happened", then one indented line
// per node whose state changed ("      n2: term 1→2, ..."). No header, no outcome.
std::vector<std::string> NarrationLines(const Timeline& tl);

// nullopt when `expected` is exactly NarrationLines(tl); else a kExpectedNarration verdict at
// the step of the first line that differs, saying what was expected and what happened.
std::optional<Verdict> CheckNarration(const Timeline& tl, const std::vector<std::string>& expected);

}  // namespace views
}  // namespace traces

#endif  // RAFTCHECK_TRACES_VIEWS_NARRATION_H_
