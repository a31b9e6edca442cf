// raftcheck replay TRACE [--format text|mermaid|html|json] [--out FILE] [--without-bugs]:
// re-executes a trace deterministically, renders it (traces/views/views.h) and confirms its
// verdict.
//  - Exit 1 when a violation reproduces (an unmet "expect" of a scenario counts), 0 when the
//    trace runs clean, 2 when it cannot be replayed (a one-line error naming the file, step
//    and field).
//  - The rendering goes to stdout, or with --out to FILE while stdout gets a one-line summary.
//  - --without-bugs replays with the config's seeded bugs removed and stops cleanly where the
//    trace diverges from what the fixed code does: a check of a fix against a counterexample.
//  - A verdict that differs from the one the trace recorded is said in one line (on stderr when
//    stdout carries a rendering that a note would corrupt).
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>

#include "checker/cli/commands.h"
#include "checker/cli/flags.h"
#include "checker/cli/world_options.h"
#include "traces/views/views.h"
#include "traces/world_trace.h"

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
std::string VerdictNote(const traces::Trace& trace, const traces::Replay& replay,
                        bool without_bugs) {
  if (!trace.verdict || (replay.violation && *replay.violation == *trace.verdict)) return "";
  if (without_bugs && !replay.violation) {
    return "without the seeded bugs the recorded " + VerdictPhrase(trace.verdict) +
           " does not happen";
  }
  return "note: the trace recorded " + VerdictPhrase(trace.verdict) + ", this replay found " +
         VerdictPhrase(replay.violation);
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f << text;
  f.close();
  return static_cast<bool>(f);
}

}  // namespace

int RunReplay(const std::vector<std::string>& args) {
  std::string format = "text";
  std::string out_path;
  bool without_bugs = false;
  Flags flags("replay");
  flags.Choice("format", &format, {"text", "mermaid", "html", "json"},
               "how to show the replay (default text)");
  flags.String("out", &out_path, "write the rendering to FILE; stdout gets a summary line");
  flags.Switch("without-bugs", &without_bugs, true,
               "replay with the config's seeded bugs removed; stop where the run diverges");
  std::vector<std::string> files;
  if (std::string error = flags.Parse(args, &files); !error.empty() || files.size() != 1) {
    std::fprintf(stderr, "raftcheck replay: %s\n",
                 error.empty() ? "usage: raftcheck replay TRACE [--format text|mermaid|html|json] "
                                 "[--out FILE] [--without-bugs]"
                               : error.c_str());
    return kExitUsage;
  }
  const std::string& path = files.front();
  traces::Trace trace;
  std::string error;
  if (!traces::ReadTraceFile(path, &trace, &error)) {
    std::fprintf(stderr, "raftcheck replay: %s\n", error.c_str());
    return kExitUsage;
  }
  traces::Trace replayed = trace;
  if (without_bugs) replayed.config["bugs"] = nlohmann::json::array();
  traces::Replay replay;
  if (!traces::ReplayWorldTrace(
          replayed, &replay, &error,
          without_bugs ? traces::OnDisabled::kStop : traces::OnDisabled::kFail)) {
    std::fprintf(stderr, "raftcheck replay: %s: %s\n", path.c_str(), error.c_str());
    return kExitUsage;
  }
  const traces::Timeline timeline = traces::WorldTimeline(replayed, replay);
  const std::string rendering = Render(format, timeline);
  const std::string note = VerdictNote(trace, replay, without_bugs);
  if (!out_path.empty()) {
    if (!WriteFile(out_path, rendering)) {
      std::fprintf(stderr, "raftcheck replay: cannot write %s\n", out_path.c_str());
      return kExitUsage;
    }
    std::printf("%s view of %s written to %s: %s\n", format.c_str(), path.c_str(), out_path.c_str(),
                traces::views::OutcomeSentence(timeline).c_str());
    if (!note.empty()) std::printf("%s\n", note.c_str());
  } else {
    std::fwrite(rendering.data(), 1, rendering.size(), stdout);
    if (!note.empty()) std::fprintf(format == "text" ? stdout : stderr, "%s\n", note.c_str());
  }
  return replay.violation ? kExitViolation : kExitOk;
}

}  // namespace raftcheck::cli
