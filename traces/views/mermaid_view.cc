// RenderMermaid: a timeline as a Mermaid sequenceDiagram (views.h).
#include "traces/expect.h"
#include "traces/views/node_state.h"
#include "traces/views/views.h"

namespace traces::views {
namespace {

// Message and note text made safe for Mermaid's sequence grammar, where the text after the
// first ':' runs to the end of the statement: ';' ends a statement and '#' starts a comment
// (both become entity codes, which Mermaid decodes: #59; and #35;), "%%" starts a comment,
// '<' could open an HTML tag such as <br>, and a newline would end the statement. Further ':'
// and "->" inside the text need no escape (checked with Mermaid 11), so they stay readable.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case ';':
        out += "#59;";
        break;
      case '#':
        out += "#35;";
        break;
      case '%':
        out += "#37;";
        break;
      case '<':
        out += "#60;";
        break;
      case '\n':
      case '\r':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string Participant(int node) { return "n" + std::to_string(node); }

// What a note says about a node's role and commit after a step ("becomes leader in term 2,
// commit 0→1"), "" when neither changed. A node that went down says nothing more: the crash
// note covers it.
std::string RoleAndCommit(const props::NodeView& before, const props::NodeView& after) {
  if (!after.up) return "";
  std::string s;
  for (const FieldChange& c : DiffNodeViews(before, after)) {
    if (c.field == "role") {
      // A pre-candidate has not raised its term yet (§9.6), so no term is named for it.
      s += std::string(s.empty() ? "" : ", ") + "becomes " + RoleName(after.role);
      if (after.role != props::NodeRole::kPreCandidate)
        s += " in term " + std::to_string(after.term);
    } else if (c.field == "commit") {
      s += (s.empty() ? "" : ", ") + c.text;
    }
  }
  return s;
}

void Line(const std::string& statement, std::string* out) { *out += "    " + statement + "\n"; }

void Note(int node, const std::string& text, std::string* out) {
  Line("Note over " + Participant(node) + ": " + Escape(text), out);
}

}  // namespace

std::string RenderMermaid(const Timeline& tl) {
  std::string out = "sequenceDiagram\n";
  for (int i = 1; i <= tl.nodes; ++i) Line("participant " + Participant(i), &out);
  const props::Observation* before = &tl.initial;
  for (std::size_t k = 0; k < tl.steps.size(); ++k) {
    const TimelineStep& step = tl.steps[k];
    const std::string number = std::to_string(k + 1) + ". ";
    // A node's own action folds its role and commit change into its note; every other
    // change gets a note of its own.
    if (tl.IsMessageStep(k)) {
      const std::string arrow = step.kind == "drop"        ? "-x"
                                : step.kind == "duplicate" ? "--)"
                                                           : "->>";
      std::string text = number +
                         (step.kind == "drop"        ? "dropped "
                          : step.kind == "duplicate" ? "duplicated "
                                                     : "") +
                         step.label;
      const std::size_t to = static_cast<std::size_t>(step.node - 1);
      if (step.kind == "deliver" && to < before->nodes.size() && !before->nodes[to].up) {
        text += " (lost: n" + std::to_string(step.node) + " is down)";
      }
      Line(Participant(step.from) + arrow + Participant(step.node) + ": " + Escape(text), &out);
    } else {
      std::string text = number + step.label;
      const std::size_t i = static_cast<std::size_t>(step.node - 1);
      if (i < step.after.nodes.size() && i < before->nodes.size()) {
        const props::NodeView& was = before->nodes[i];
        const props::NodeView& is = step.after.nodes[i];
        // Going down or up is told in full ("down, vote 1→0"): what a crash loses is often the
        // point of the counterexample.
        const std::string changes =
            was.up != is.up ? JoinChanges(DiffNodeViews(was, is)) : RoleAndCommit(was, is);
        if (!changes.empty()) text += ", " + changes;
      }
      Note(step.node, text, &out);
    }
    for (std::size_t i = 0; i < step.after.nodes.size() && i < before->nodes.size(); ++i) {
      if (!tl.IsMessageStep(k) && static_cast<int>(i) + 1 == step.node) continue;
      const std::string changes = RoleAndCommit(before->nodes[i], step.after.nodes[i]);
      if (!changes.empty()) Note(static_cast<int>(i) + 1, changes, &out);
    }
    before = &step.after;
  }
  const std::string everyone =
      tl.nodes > 1 ? Participant(1) + "," + Participant(tl.nodes) : Participant(1);
  Line("Note over " + everyone + ": " + Escape(OutcomeSentence(tl)), &out);
  return out;
}

}  // namespace traces::views
