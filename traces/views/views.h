// Views: a replayed trace (a traces::Timeline) drawn for people and for tools.
//
// Contract, shared by every view:
//  1. Each reads only the Timeline: no system, no replay. Any system that produces a Timeline
//     (every registered system: traces/replay.h builds it) gets every view for free.
//  2. Output is a pure function of the Timeline: the same timeline gives byte-identical text.
//  3. Every view ends with the outcome: the violated property and why (OutcomeSentence), or
//     that the run was clean, or where and why it stopped early.
//  4. A node's state as JSON (NodeStateJson) and what changed between two observations
//     (DiffNodeViews) are computed in one place, traces/views/node_state.h, for all views.
#ifndef RAFTCHECK_TRACES_VIEWS_VIEWS_H_
#define RAFTCHECK_TRACES_VIEWS_VIEWS_H_

#include <string>

#include <nlohmann/json.hpp>

#include "traces/timeline.h"

namespace traces::views {

// A narration: a header line with the system and config, then per step one line (who did
// what) followed by one indented line per node whose state changed at that step
// ("      n2: term 1→2, role follower→candidate, vote 0→2"), then the outcome sentence.
std::string RenderText(const Timeline& tl);

// A Mermaid sequenceDiagram that renders in GitHub markdown: participants n1..nN; a delivery
// is an arrow sender->>receiver, a drop an arrow -x marked "dropped", a duplicate a dotted
// arrow marked "duplicated"; a node's own actions (timeout, heartbeat, propose, crash,
// restart, ...) and role or commit changes are notes over the node; the outcome is a note
// over every node. Message text is escaped with Mermaid entity codes (#59; for ';').
std::string RenderMermaid(const Timeline& tl);

// One self-contained HTML page (no network): the timeline as embedded JSON (TimelineToJson),
// drawn by embedded JavaScript as an SVG sequence diagram, with a step slider that shows
// every node's state at that step and highlights the step in the diagram. After rendering the
// page sets data-rendered="ok" on <body>; a script error sets it to "error" and shows the
// message in #errors (what the headless-browser test checks).
std::string RenderHtml(const Timeline& tl);

// The JSON document for tools, laid out one step per line:
//   {"format": "raftcheck-timeline", "version": 1, "system", "nodes", "config",
//    "initial": [state per node], "steps": [{"step", "kind", "node", "from", "label",
//    "text", "changes": [{"node", "field", "text"}], "state": [per node]}],
//    "violation": {"property", "step", "message"} or null, "stopped", "outcome"}
// where a state is NodeStateJson.
std::string RenderJson(const Timeline& tl);
// The same document as a value.
nlohmann::ordered_json TimelineToJson(const Timeline& tl);

// One sentence on how the run ended: "violation of P after step K: why", "expected state not
// met after step K: why", "stopped early at step K: why (no property violated before)", or
// "ran clean: N steps, no property violated".
std::string OutcomeSentence(const Timeline& tl);

}  // namespace traces::views

#endif  // RAFTCHECK_TRACES_VIEWS_VIEWS_H_
