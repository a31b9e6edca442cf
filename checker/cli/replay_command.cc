// raftcheck replay TRACE [--format text|mermaid|html|json] [--out FILE] [--without-bugs]
//                        [--rewrite]: re-executes a trace of any registered system
// deterministically, renders it (traces/views/views.h) and confirms its verdict.
//  - Exit 1 when a violation reproduces (an unmet "expect" or "narration" of a scenario
//    counts, and so does a liveness verdict that still holds), 0 when the trace runs clean, 2
//    when it cannot be replayed (a one-line error naming the file, step and field).
//  - The rendering goes to stdout, or with --out to FILE while stdout gets a one-line summary.
//  - --without-bugs replays with the config's seeded bugs removed and stops cleanly where the
//    trace diverges from what the fixed code does: a check of a fix against a counterexample.
//  - --rewrite writes the file back with its "narration" regenerated from this replay.
//  - A verdict that differs from the one the trace recorded is said in one line (on stderr when
//    stdout carries a rendering that a note would corrupt).
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include "checker/cli/command_line.h"
#include "checker/cli/commands.h"
#include "checker/cli/exit_codes.h"
#include "checker/cli/registered_systems.h"
#include "traces/replay.h"
#include "traces/views/narration.h"
#include "traces/views/views.h"

namespace raftcheck::cli {
namespace {

std::string Render(const std::string& format, const traces::Timeline& tl) {
  if (format == "mermaid") return traces::views::RenderMermaid(tl);
  if (format == "html") return traces::views::RenderHtml(tl);
  if (format == "json") return traces::views::RenderJson(tl);
  return traces::views::RenderText(tl);
}

std::string VerdictPhrase(const std::optional<traces::Verdict>& v) {
  if (!v) return "no violation";
  return v->property + " after step " + std::to_string(v->step);
}

// "" when the replay agrees with what the trace recorded (or it recorded nothing).
std::string VerdictNote(const traces::Trace& trace, const std::optional<traces::Verdict>& found,
                        bool without_bugs) {
  if (!trace.verdict || (found && *found == *trace.verdict)) return "";
  if (without_bugs && !found) {
    return "without the seeded bugs the recorded " + VerdictPhrase(trace.verdict) +
           " does not happen";
  }
  return "note: the trace recorded " + VerdictPhrase(trace.verdict) + ", this replay found " +
         VerdictPhrase(found);
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  return static_cast<bool>(f);
}

}  // namespace

int RunReplay(const std::vector<std::string>& args) {
  std::string path;
  std::string format = "text";
  std::string out_path;
  bool without_bugs = false;
  bool rewrite = false;
  registry::OptionList o;
  registry::OptionSpec fmt{"format", "how to show the replay", "FORMAT", format,
                           "text|mermaid|html|json"};
  fmt.apply = [&format](const std::string& v) {
    if (v != "text" && v != "mermaid" && v != "html" && v != "json") {
      return base::Status::InvalidArgument("--format takes text|mermaid|html|json, not \"" + v +
                                           "\"");
    }
    format = v;
    return base::Status::OK();
  };
  o.Add(std::move(fmt));
  o.String("out", &out_path, "FILE", "write the rendering to FILE; stdout gets a summary line");
  o.Switch("without-bugs", &without_bugs, true,
           "replay with the config's seeded bugs removed; stop where the run diverges");
  o.Switch("rewrite", &rewrite, true,
           "write the trace back with its expected narration regenerated from this replay");
  CommandLine line("replay", "Re-executes a trace deterministically, renders it and confirms "
                             "its verdict.");
  line.Add(o);
  line.Positional("TRACE", &path, "a .trace.json file of any registered system");
  if (std::optional<int> code = line.Parse(args)) return *code;

  base::Result<traces::Trace> trace = traces::ReadTraceFile(path);
  if (!trace.ok()) return UsageError("replay", trace.status().message());
  base::Result<const registry::SystemEntry*> system = Systems().Find(trace->system);
  if (!system.ok()) return UsageError("replay", path + ": " + system.status().message());
  traces::Trace replayed = *trace;
  if (without_bugs) replayed.config = (*system)->WithoutBugs(replayed.config);
  traces::ReplayOptions options;
  options.on_disabled = without_bugs ? traces::OnDisabled::kStop : traces::OnDisabled::kFail;
  base::Result<traces::Replay> replay = traces::ReplayTrace(**system, replayed, options);
  if (!replay.ok()) return UsageError("replay", path + ": " + replay.status().message());
  traces::Timeline& timeline = replay->timeline;
  if (rewrite) {
    trace->narration = traces::views::NarrationLines(timeline);
    if (base::Status s = traces::WriteTraceFile(path, *trace); !s.ok()) {
      return UsageError("replay", s.message());
    }
    std::fprintf(stderr, "raftcheck replay: %s: narration of %zu steps rewritten\n", path.c_str(),
                 timeline.steps.size());
  } else if (trace->narration) {
    if (std::optional<traces::Verdict> v =
            traces::views::CheckNarration(timeline, *trace->narration)) {
      replay->violation = v;
      timeline.violation = v;
    }
  }
  const std::string rendering = Render(format, timeline);
  const std::string note = VerdictNote(*trace, replay->violation, without_bugs);
  if (!out_path.empty()) {
    if (!WriteFile(out_path, rendering)) {
      return UsageError("replay", "cannot write " + out_path);
    }
    std::printf("%s view of %s written to %s: %s\n", format.c_str(), path.c_str(),
                out_path.c_str(), traces::views::OutcomeSentence(timeline).c_str());
    if (!note.empty()) std::printf("%s\n", note.c_str());
  } else {
    std::fwrite(rendering.data(), 1, rendering.size(), stdout);
    if (!note.empty()) std::fprintf(format == "text" ? stdout : stderr, "%s\n", note.c_str());
  }
  return replay->violation ? kExitViolation : kExitOk;
}

}  // namespace raftcheck::cli
