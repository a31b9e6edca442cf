// raftcheck's JSON form of a history (FORMAT.md): strict (unknown fields are errors), read
// with nlohmann::json without exceptions; positions of syntax errors come from its SAX
// interface, lines of events from a scan of the (then valid) text.
#include <algorithm>
#include <cstdint>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "properties/linearizable/history_readers.h"
#include "properties/linearizable/reader_events.h"

namespace raftcheck::linearizable {
namespace {

using nlohmann::json;

constexpr const char* kFormatName = "raftcheck-history";
constexpr int kFormatVersion = 1;

// Records where the first syntax error is; accepts everything else.
class SyntaxErrorFinder : public json::json_sax_t {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception&) override {
    failed = true;
    this->position = position;
    this->last_token = last_token;
    return false;
  }

  bool failed = false;
  std::size_t position = 0;
  std::string last_token;
};

// "line L, column C: " of byte offset `at`.
std::string PositionOf(std::string_view text, std::size_t at) {
  at = std::min(at, text.size());
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < at; ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(at - line_start + 1) + ": ";
}

// Lines of the top-level object's fields and of the elements of its "events" array, from a
// scan of the text. REQUIRES: valid JSON.
struct JsonLines {
  std::map<std::string, int, std::less<>> fields;
  std::vector<int> events;
  // "line L: " of a top-level field, or of the document's start when it is missing.
  std::string Of(std::string_view field) const {
    auto it = fields.find(field);
    return "line " + std::to_string(it == fields.end() ? 1 : it->second) + ": ";
  }
};

JsonLines ScanLines(std::string_view text) {
  JsonLines out;
  int line = 1;
  int depth = 0;
  int events_depth = -1;  // depth inside the events array, once found
  bool want_value = false;
  bool want_key = false;  // at depth 1, the next string is a field name
  std::string_view last_key;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const bool value_start = depth == events_depth && want_value && c != ' ' && c != '\t' &&
                             c != '\n' && c != '\r' && c != ',' && c != ']';
    if (value_start) {
      out.events.push_back(line);
      want_value = false;
    }
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != '"') j += text[j] == '\\' ? 2 : 1;
      if (depth == 1 && want_key) {
        last_key = text.substr(i + 1, j - i - 1);
        out.fields.emplace(std::string(last_key), line);
        want_key = false;
      }
      i = j;
    } else if (c == '{' || c == '[') {
      ++depth;
      if (depth == 1) want_key = true;
      if (c == '[' && depth == 2 && events_depth == -1 && last_key == "events") {
        events_depth = 2;
        want_value = true;
      }
    } else if (c == '}' || c == ']') {
      if (depth == events_depth) events_depth = -2;  // done
      --depth;
    } else if (c == ',') {
      if (depth == events_depth) want_value = true;
      if (depth == 1) want_key = true;
    }
  }
  return out;
}

base::Status Invalid(const std::string& where, const std::string& what) {
  return base::Status::InvalidArgument(where + what);
}

bool IsInt64(const json& j) {
  if (j.is_number_unsigned()) {
    return j.get<std::uint64_t>() <=
           static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  }
  return j.is_number_integer();
}

// A JSON value as the EDN value the shared interpretation reads: null, an integer, or an
// array of those (a cas's [expected, new]); anything else is an error here.
base::Status ToEdn(const json& j, const std::string& where, const char* field, EdnValue* out,
                   bool nested = false) {
  if (j.is_null()) {
    out->kind = EdnValue::Kind::kNil;
  } else if (IsInt64(j)) {
    out->kind = EdnValue::Kind::kInteger;
    out->integer = j.get<std::int64_t>();
  } else if (j.is_array() && !nested) {
    out->kind = EdnValue::Kind::kVector;
    for (const json& item : j) {
      EdnValue v;
      if (base::Status s = ToEdn(item, where, field, &v, true); !s.ok()) return s;
      out->items.push_back(std::move(v));
    }
  } else {
    return Invalid(where, std::string("field \"") + field +
                              "\" must be an integer, null or an array of integers, not " +
                              j.dump());
  }
  return base::Status::OK();
}

base::Status ReadEvent(const json& j, const std::string& where, bool kv, Event* e) {
  if (!j.is_object()) return Invalid(where, "an event must be a JSON object");
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    if (k != "process" && k != "type" && k != "f" && k != "key" && k != "value") {
      return Invalid(where, "unknown field \"" + k + "\"");
    }
  }
  auto field = [&](const char* name) -> const json* {
    auto it = j.find(name);
    return it == j.end() ? nullptr : &*it;
  };
  const json* process = field("process");
  if (!process || !IsInt64(*process)) {
    return Invalid(where, "field \"process\" must be an integer");
  }
  e->process = process->get<std::int64_t>();
  const json* type = field("type");
  if (!type || !type->is_string()) return Invalid(where, "field \"type\" must be a string");
  base::Result<EventType> t = ParseEventType(type->get<std::string>());
  if (!t.ok()) return t.status().Prefixed(where + "field \"type\"");
  e->type = *t;
  const json* f = field("f");
  if (!f || !f->is_string()) return Invalid(where, "field \"f\" must be a string");
  base::Result<OpKind> kind = ParseOpKind(f->get<std::string>());
  if (!kind.ok()) return kind.status().Prefixed(where + "field \"f\"");
  e->kind = *kind;
  const json* key = field("key");
  if (key && !kv) return Invalid(where, "the register model takes no \"key\" (use model kv)");
  if (key) {
    if (key->is_string()) {
      e->key = key->get<std::string>();
    } else if (IsInt64(*key)) {
      e->key = std::to_string(key->get<std::int64_t>());
    } else {
      return Invalid(where, "field \"key\" must be a string or an integer");
    }
    e->has_key = true;
  } else if (kv && (e->type == EventType::kInvoke || e->type == EventType::kOk)) {
    return Invalid(where, "a kv event needs a \"key\"");
  }
  EdnValue value;
  if (const json* v = field("value")) {
    if (base::Status s = ToEdn(*v, where, "value", &value); !s.ok()) return s;
  }
  return ReadRegisterValues(value, where, e);
}

// The writer keeps fields in the order FORMAT.md shows them.
using ordered_json = nlohmann::ordered_json;

ordered_json ValueJson(Value v) { return v.nil ? ordered_json(nullptr) : ordered_json(v.number); }

}  // namespace

base::Result<History> ReadJsonHistory(std::string_view text, const std::string& model_option) {
  SyntaxErrorFinder finder;
  json::sax_parse(text, &finder);
  if (finder.failed) {
    const std::size_t at = finder.position > 0 ? finder.position - 1 : 0;
    if (at + 1 >= text.size() || finder.last_token.empty()) {
      return base::Status::InvalidArgument(PositionOf(text, at) +
                                           "JSON ends too early (truncated?)");
    }
    return base::Status::InvalidArgument(PositionOf(text, at) + "JSON syntax error near \"" +
                                         finder.last_token.substr(0, 20) + "\"");
  }
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) {
    return base::Status::InvalidArgument("line 1: a history is a JSON object");
  }
  const JsonLines lines = ScanLines(text);
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& k = it.key();
    if (k != "format" && k != "version" && k != "model" && k != "events") {
      return base::Status::InvalidArgument(lines.Of(k) + "unknown top-level field \"" + k + "\"");
    }
  }
  auto format = doc.find("format");
  if (format == doc.end() || !format->is_string() || format->get<std::string>() != kFormatName) {
    return base::Status::InvalidArgument(lines.Of("format") + "field \"format\" must be \"" +
                                         kFormatName + "\"");
  }
  auto version = doc.find("version");
  if (version == doc.end() || !IsInt64(*version) ||
      version->get<std::int64_t>() != kFormatVersion) {
    return base::Status::InvalidArgument(lines.Of("version") + "field \"version\" must be " +
                                         std::to_string(kFormatVersion));
  }
  std::string model = model_option;
  if (auto m = doc.find("model"); m != doc.end()) {
    if (!m->is_string() || (m->get<std::string>() != "register" && m->get<std::string>() != "kv")) {
      return base::Status::InvalidArgument(lines.Of("model") +
                                           "field \"model\" must be \"register\" or \"kv\"");
    }
    const std::string declared = m->get<std::string>();
    if (!model.empty() && model != declared) {
      return base::Status::InvalidArgument(lines.Of("model") + "the history declares model " +
                                           declared + ", not " + model);
    }
    model = declared;
  }
  if (model.empty()) model = "register";
  auto events = doc.find("events");
  if (events == doc.end() || !events->is_array()) {
    return base::Status::InvalidArgument(lines.Of("events") + "field \"events\" must be an array");
  }
  HistoryBuilder builder;
  for (std::size_t i = 0; i < events->size(); ++i) {
    const int line = i < lines.events.size() ? lines.events[i] : 0;
    const std::string where = (line > 0 ? "line " + std::to_string(line) + ": " : "") + "event " +
                              std::to_string(i) + ": ";
    Event e;
    e.line = line;
    if (base::Status s = ReadEvent((*events)[i], where, model == "kv", &e); !s.ok()) return s;
    if (base::Status s = builder.Add(e); !s.ok()) return s;
  }
  return std::move(builder).Finish(model);
}

std::string WriteHistoryJson(const History& history) {
  // Each operation's events by position.
  std::map<std::size_t, ordered_json> events;
  for (const Operation& op : history.operations) {
    ordered_json invoke = {
        {"process", op.process}, {"type", "invoke"}, {"f", OpKindName(op.kind, op.has_key)}};
    if (op.has_key) invoke["key"] = op.key;
    if (op.kind == OpKind::kWrite) invoke["value"] = ValueJson(op.input);
    if (op.kind == OpKind::kCas) {
      invoke["value"] = ordered_json::array({ValueJson(op.input), ValueJson(op.input2)});
    }
    if (op.outcome != Outcome::kPending) {
      ordered_json done = invoke;
      done["type"] = OutcomeName(op.outcome);
      if (op.outcome == Outcome::kInfo) done.erase("value");
      if (op.outcome == Outcome::kOk && op.kind == OpKind::kRead) {
        done["value"] = ValueJson(op.output);
      }
      events.emplace(op.complete, std::move(done));
    }
    events.emplace(op.invoke, std::move(invoke));
  }
  std::string out = std::string("{\"format\": \"") + kFormatName +
                    "\", \"version\": " + std::to_string(kFormatVersion);
  if (!history.model.empty()) out += ", \"model\": \"" + history.model + "\"";
  out += ", \"events\": [";
  bool first = true;
  for (const auto& [position, event] : events) {
    out += first ? "\n  " : ",\n  ";
    out += event.dump();
    first = false;
  }
  return out + "\n]}\n";
}

}  // namespace raftcheck::linearizable
