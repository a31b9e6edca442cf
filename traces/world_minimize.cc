// The cluster world as the minimizer sees it (traces/minimize.h).
#include "checker/world/world_json.h"
#include "traces/minimize.h"
#include "traces/world_trace.h"

namespace traces {
namespace {

using nlohmann::json;

std::size_t CountKind(const Trace& t, const char* kind) {
  std::size_t n = 0;
  for (const json& a : t.actions) n += a.value("kind", "") == kind;
  return n;
}

}  // namespace

Minimizable WorldMinimizable() {
  Minimizable m;
  m.breaks = [](const std::string& property, Trace* candidate) {
    Replay r;
    std::string error;
    if (!ReplayWorldTrace(*candidate, &r, &error, OnDisabled::kSkip)) return false;
    if (!r.violation || r.violation->property != property) return false;
    candidate->actions = std::move(r.applied);
    candidate->verdict = r.violation;
    return true;
  };
  m.actor = [](const json& a) -> int {
    if (auto msg = a.find("msg"); msg != a.end()) return msg->value("to", 0);
    return a.value("node", 0);
  };
  m.fault = [](const json& a) -> std::string {
    const std::string kind = a.value("kind", "");
    if (kind == "drop" || kind == "duplicate") return kind;
    if (kind == "crash" || kind == "restart") return "crash";
    return "";
  };
  m.tighten = [](const Trace& t) {
    json c = t.config;
    c["values"] = CountKind(t, "propose");
    c["max_crashes"] = CountKind(t, "crash");
    c["drop"] = CountKind(t, "drop") > 0;
    c["duplicate"] = CountKind(t, "duplicate") > 0;
    c["restart"] = CountKind(t, "restart") > 0;
    return c;
  };
  return m;
}

bool MinimizeWorldTrace(const Trace& t, Trace* out, MinimizeStats* stats, std::string* error) {
  Replay r;
  if (!ReplayWorldTrace(t, &r, error)) return false;
  if (!r.violation) {
    *error = "the trace breaks no property when replayed: nothing to minimize";
    return false;
  }
  Trace start = t;
  start.verdict = r.violation;  // what the replay found, whatever the file recorded
  *out = Minimize(start, WorldMinimizable(), stats);
  // The result must replay strictly to the same property.
  Replay check;
  if (!ReplayWorldTrace(*out, &check, error) || !check.violation ||
      check.violation->property != r.violation->property) {
    *error = "internal error: the minimized trace does not replay to " + r.violation->property;
    return false;
  }
  out->verdict = check.violation;
  return true;
}

}  // namespace traces
