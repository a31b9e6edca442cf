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
  }
  if (t.expect) j["expect"] = *t.expect;
  return j;
}

bool TraceFromJson(const json& j, Trace* t, std::string* error) {
  if (!j.is_object()) {
    *error = "a trace must be a JSON object";
    return false;
  }
  static const std::set<std::string> kKeys = {"format", "version", "system",  "config",
                                              "seed",   "actions", "verdict", "expect"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kKeys.count(it.key())) {
      *error = "unknown field \"" + it.key() + "\"";
      return false;
    }
  }
  if (j.value("format", json()) != kFormat) {
    *error = "field \"format\" must be \"raftcheck-trace\"";
    return false;
  }
  const json version = j.value("version", json());
  if (!version.is_number_integer() || version.get<int>() != kVersion) {
    *error = "unsupported version " + version.dump() + " (this binary reads version 1)";
    return false;
  }
  const json system = j.value("system", json());
  if (!system.is_string()) {
    *error = "field \"system\" must be a string";
    return false;
  }
  t->system = system.get<std::string>();
  if (!j.contains("config") || !j["config"].is_object()) {
    *error = "field \"config\" must be an object";
    return false;
  }
  t->config = j["config"];
  t->seed.reset();
  if (j.contains("seed")) {
    if (!j["seed"].is_number_unsigned()) {
      *error = "field \"seed\" must be a non-negative integer";
      return false;
    }
    t->seed = j["seed"].get<std::uint64_t>();
  }
  if (!j.contains("actions") || !j["actions"].is_array()) {
    *error = "field \"actions\" must be an array";
    return false;
  }
  t->actions.assign(j["actions"].begin(), j["actions"].end());
  t->verdict.reset();
  if (j.contains("verdict")) {
    const json& v = j["verdict"];
    if (!v.is_object() || !v.contains("property") || !v["property"].is_string() ||
        !v.contains("step") || !v["step"].is_number_unsigned() ||
        !v.value("message", json()).is_string() || v.size() != 3) {
      *error =
          "field \"verdict\" must be {\"property\": string, \"step\": number, "
          "\"message\": string}";
      return false;
    }
    t->verdict = Verdict{v["property"].get<std::string>(), v["step"].get<std::size_t>(),
                         v["message"].get<std::string>()};
    if (t->verdict->step > t->actions.size()) {
      *error = "verdict step " + std::to_string(t->verdict->step) + " is past the last action";
      return false;
    }
  }
  t->expect.reset();
  if (j.contains("expect")) {
    if (!ValidateExpect(j["expect"], error)) return false;
    t->expect = j["expect"];
  }
  return true;
}

bool WriteTraceFile(const std::string& path, const Trace& t, std::string* error) {
  std::ofstream out(path);
  if (!out) {
    *error = path + ": cannot open for writing";
    return false;
  }
  // One action per line: diffs and hand edits stay readable.
  json j = TraceToJson(t);
  json actions = j["actions"];
  j.erase("actions");
  j.erase("verdict");
  j.erase("expect");
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
  out << "\n}\n";
  if (!out) {
    *error = path + ": write failed";
    return false;
  }
  return true;
}

bool ReadTraceFile(const std::string& path, Trace* t, std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot open";
    return false;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    *error = path + ": not valid JSON";
    return false;
  }
  std::string why;
  if (!TraceFromJson(j, t, &why)) {
    *error = path + ": " + why;
    return false;
  }
  return true;
}

}  // namespace traces
