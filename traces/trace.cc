#include "traces/trace.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <vector>

#include "traces/expect.h"

namespace traces {

using nlohmann::json;

namespace {

// Keys a reader looks for first, in this order; others follow alphabetically.
int KeyRank(const std::string& key) {
  static const char* const kOrder[] = {
      "format",      "version", "system", "config",  "seed",     "kind",  "node",   "msg",
      "type",        "from",    "to",     "term",    "log_term", "index", "commit", "reject",
      "reject_hint", "entries", "data",   "context", "property", "step",  "message"};
  for (int i = 0; i < static_cast<int>(std::size(kOrder)); ++i) {
    if (key == kOrder[i]) return i;
  }
  return static_cast<int>(std::size(kOrder));
}

// j as one line of JSON with its object keys in reading order (type, from, to before the
// rest), recursively. Parsing gives back j.
std::string DumpInReadingOrder(const json& j) {
  if (j.is_array()) {
    std::string out = "[";
    for (std::size_t i = 0; i < j.size(); ++i) out += (i ? "," : "") + DumpInReadingOrder(j[i]);
    return out + "]";
  }
  if (!j.is_object()) return j.dump();
  std::vector<std::string> keys;
  for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(it.key());
  std::stable_sort(keys.begin(), keys.end(), [](const std::string& a, const std::string& b) {
    return KeyRank(a) < KeyRank(b);
  });
  std::string out = "{";
  for (std::size_t i = 0; i < keys.size(); ++i) {
    out += (i ? "," : "") + json(keys[i]).dump() + ":" + DumpInReadingOrder(j[keys[i]]);
  }
  return out + "}";
}

}  // namespace

json TraceToJson(const Trace& t) {
  json j{{"format", kFormat}, {"version", kVersion}, {"system", t.system}, {"config", t.config}};
  if (t.seed) j["seed"] = *t.seed;
  j["actions"] = t.actions;
  if (t.verdict) {
    j["verdict"] = json{{"property", t.verdict->property},
                        {"step", t.verdict->step},
                        {"message", t.verdict->message}};
    if (t.verdict->liveness) j["verdict"]["kind"] = "liveness";
  }
  if (t.expect) j["expect"] = *t.expect;
  if (t.narration) j["narration"] = *t.narration;
  return j;
}

Trace FromCounterexample(std::string system, json config,
                         const raftcheck::registry::Counterexample& cx,
                         std::optional<std::uint64_t> seed) {
  Trace t;
  t.system = std::move(system);
  t.config = std::move(config);
  t.seed = seed;
  t.actions = cx.actions;
  t.verdict = Verdict{cx.property, cx.actions.size(), cx.message, cx.liveness};
  return t;
}

base::Result<Trace> TraceFromJson(const json& j) {
  auto invalid = [](std::string msg) { return base::Status::InvalidArgument(std::move(msg)); };
  if (!j.is_object()) return invalid("a trace must be a JSON object");
  static const std::set<std::string> kKeys = {"format",  "version", "system", "config", "seed",
                                              "actions", "verdict", "expect", "narration"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKeys.count(it.key())) return invalid("unknown field \"" + it.key() + "\"");
  }
  if (j.value("format", json()) != kFormat) {
    return invalid("field \"format\" must be \"raftcheck-trace\"");
  }
  const json version = j.value("version", json());
  if (!version.is_number_integer() || version.get<int>() != kVersion) {
    return invalid("unsupported version " + version.dump() + " (this binary reads version 1)");
  }
  Trace t;
  const json system = j.value("system", json());
  if (!system.is_string()) return invalid("field \"system\" must be a string");
  t.system = system.get<std::string>();
  if (!j.contains("config") || !j["config"].is_object()) {
    return invalid("field \"config\" must be an object");
  }
  t.config = j["config"];
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned()) {
      return invalid("field \"seed\" must be a non-negative integer");
    }
    t.seed = j["seed"].get<std::uint64_t>();
  }
  if (!j.contains("actions") || !j["actions"].is_array()) {
    return invalid("field \"actions\" must be an array");
  }
  t.actions.assign(j["actions"].begin(), j["actions"].end());
  if (j.contains("verdict")) {
    const json& v = j["verdict"];
    const json kind = v.is_object() ? v.value("kind", json("safety")) : json();
    if (!v.is_object() || !v.contains("property") || !v["property"].is_string() ||
        !v.contains("step") || !v["step"].is_number_unsigned() ||
        !v.value("message", json()).is_string() || v.size() != 3u + v.contains("kind") ||
        (kind != "safety" && kind != "liveness")) {
      return invalid(
          "field \"verdict\" must be {\"property\": string, \"step\": number, "
          "\"message\": string} with an optional \"kind\": \"safety\" or \"liveness\"");
    }
    t.verdict = Verdict{v["property"].get<std::string>(), v["step"].get<std::size_t>(),
                        v["message"].get<std::string>(), kind == "liveness"};
    if (t.verdict->step > t.actions.size()) {
      return invalid("verdict step " + std::to_string(t.verdict->step) +
                     " is past the last action");
    }
  }
  if (j.contains("expect")) {
    if (base::Status s = ValidateExpect(j["expect"]); !s.ok()) return s;
    t.expect = j["expect"];
  }
  if (j.contains("narration")) {
    const json& n = j["narration"];
    bool lines = n.is_array();
    for (const json& line : n) lines = lines && line.is_string();
    if (!lines) return invalid("field \"narration\" must be an array of strings");
    t.narration = n.get<std::vector<std::string>>();
  }
  return t;
}

base::Status WriteTraceFile(const std::string& path, const Trace& t) {
  std::ofstream out(path);
  if (!out) return base::Status::InvalidArgument(path + ": cannot open for writing");
  // One action (and one narration line) per line: diffs and hand edits stay readable.
  json j = TraceToJson(t);
  json actions = j["actions"];
  j.erase("actions");
  j.erase("verdict");
  j.erase("expect");
  j.erase("narration");
  std::string head = DumpInReadingOrder(j);
  head.pop_back();  // the closing brace
  out << head << ",\n\"actions\": [";
  for (std::size_t i = 0; i < actions.size(); ++i) {
    out << (i ? ",\n  " : "\n  ") << DumpInReadingOrder(actions[i]);
  }
  out << (actions.empty() ? "]" : "\n]");
  if (t.verdict) out << ",\n\"verdict\": " << DumpInReadingOrder(TraceToJson(t)["verdict"]);
  if (t.expect) {
    out << ",\n\"expect\": [";
    for (std::size_t i = 0; i < t.expect->size(); ++i) {
      out << (i ? ",\n  " : "\n  ") << DumpInReadingOrder((*t.expect)[i]);
    }
    out << "\n]";
  }
  if (t.narration) {
    out << ",\n\"narration\": [";
    for (std::size_t i = 0; i < t.narration->size(); ++i) {
      out << (i ? ",\n  " : "\n  ") << json((*t.narration)[i]).dump();
    }
    out << (t.narration->empty() ? "]" : "\n]");
  }
  out << "\n}\n";
  if (!out) return base::Status::InvalidArgument(path + ": write failed");
  return base::Status::OK();
}

base::Result<Trace> ReadTraceFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return base::Status::NotFound(path + ": cannot open");
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Status::InvalidArgument(path + ": not valid JSON");
  base::Result<Trace> t = TraceFromJson(j);
  if (!t.ok()) return t.status().Prefixed(path);
  return t;
}

}  // namespace traces
