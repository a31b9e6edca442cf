#include "checker/model/model_json.h"

#include <set>

#include "checker/json/fields.h"

namespace raftcheck {
namespace {

using json_fields::OnlyKeys;
using json_fields::ReadInt;

using nlohmann::json;

const char* TypeName(model::MessageType t) {
  switch (t) {
    case model::MessageType::kRequestVoteRequest: return "RequestVoteRequest";
    case model::MessageType::kRequestVoteResponse: return "RequestVoteResponse";
    case model::MessageType::kAppendEntriesRequest: return "AppendEntriesRequest";
    case model::MessageType::kAppendEntriesResponse: return "AppendEntriesResponse";
  }
  return "?";
}

bool ReadByte(const json& j, const char* key, std::uint8_t* out, std::string* error) {
  int v = 0;
  if (!ReadInt(j, key, 0, 255, &v, error)) return false;
  *out = static_cast<std::uint8_t>(v);
  return true;
}

bool ReadBool(const json& j, const char* key, bool* out, std::string* error) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) {
    *error = std::string("field \"") + key + "\" must be true or false";
    return false;
  }
  *out = it->get<bool>();
  return true;
}

bool MessageFromJson(const json& j, int servers, model::Message* m, std::string* error) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    *error = "message needs a \"type\" string";
    return false;
  }
  const std::string type = j["type"].get<std::string>();
  int from = 0, to = 0;
  if (!ReadInt(j, "from", 1, servers, &from, error) || !ReadInt(j, "to", 1, servers, &to, error) ||
      !ReadByte(j, "term", &m->term, error)) {
    return false;
  }
  m->source = static_cast<std::uint8_t>(from - 1);
  m->dest = static_cast<std::uint8_t>(to - 1);
  if (type == "RequestVoteRequest") {
    m->type = model::MessageType::kRequestVoteRequest;
    return OnlyKeys(j, {"type", "from", "to", "term", "lastLogTerm", "lastLogIndex"}, "message",
                    error) &&
           ReadByte(j, "lastLogTerm", &m->last_log_term, error) &&
           ReadByte(j, "lastLogIndex", &m->last_log_index, error);
  }
  if (type == "RequestVoteResponse") {
    m->type = model::MessageType::kRequestVoteResponse;
    return OnlyKeys(j, {"type", "from", "to", "term", "voteGranted"}, "message", error) &&
           ReadBool(j, "voteGranted", &m->granted, error);
  }
  if (type == "AppendEntriesRequest") {
    m->type = model::MessageType::kAppendEntriesRequest;
    if (!OnlyKeys(j, {"type", "from", "to", "term", "prevLogIndex", "prevLogTerm", "entries",
                      "commitIndex"},
                  "message", error) ||
        !ReadByte(j, "prevLogIndex", &m->prev_log_index, error) ||
        !ReadByte(j, "prevLogTerm", &m->prev_log_term, error) ||
        !ReadByte(j, "commitIndex", &m->commit, error)) {
      return false;
    }
    auto e = j.find("entries");
    if (e == j.end() || !e->is_array() || e->size() > 1) {
      *error = "field \"entries\" must be an array of at most one entry";
      return false;
    }
    if (e->size() == 1) {
      const json& entry = (*e)[0];
      if (!OnlyKeys(entry, {"term", "value"}, "entry", error) ||
          !ReadByte(entry, "term", &m->entry.term, error) ||
          !ReadByte(entry, "value", &m->entry.value, error)) {
        return false;
      }
      if (m->entry.term == 0) {
        *error = "an entry's term is at least 1";
        return false;
      }
    }
    return true;
  }
  if (type == "AppendEntriesResponse") {
    m->type = model::MessageType::kAppendEntriesResponse;
    return OnlyKeys(j, {"type", "from", "to", "term", "success", "matchIndex"}, "message",
                    error) &&
           ReadBool(j, "success", &m->success, error) &&
           ReadByte(j, "matchIndex", &m->match_index, error);
  }
  *error = "unknown message type \"" + type + "\"";
  return false;
}

std::optional<model::ActionKind> KindFromName(const std::string& name) {
  for (int k = 0; k < model::kActionKindCount; ++k) {
    const auto kind = static_cast<model::ActionKind>(k);
    if (name == model::ActionKindName(kind)) return kind;
  }
  return std::nullopt;
}

}  // namespace

json ModelConfigToJson(const model::ModelConfig& c) {
  json bugs = json::array();
  for (const model::ModelBugInfo& info : model::ModelBugCatalog()) {
    if (c.Has(info.bug)) bugs.push_back(info.name);
  }
  return json{{"nodes", c.servers},     {"values", c.values},     {"max_term", c.max_term},
              {"max_log", c.max_log},   {"max_msgs", c.max_msgs}, {"bugs", bugs}};
}

bool ModelConfigFromJson(const json& j, model::ModelConfig* c, std::string* error) {
  if (!OnlyKeys(j, {"nodes", "values", "max_term", "max_log", "max_msgs", "bugs"}, "config",
                error) ||
      !ReadInt(j, "nodes", 1, model::kMaxServers, &c->servers, error, true) ||
      !ReadInt(j, "values", 0, model::kMaxValues, &c->values, error, true) ||
      !ReadInt(j, "max_term", 1, model::kMaxTermBound, &c->max_term, error, true) ||
      !ReadInt(j, "max_log", 0, model::kLogCapacity - 1, &c->max_log, error, true) ||
      !ReadInt(j, "max_msgs", 0, model::kBagCapacity - 1, &c->max_msgs, error, true)) {
    return false;
  }
  if (auto bugs = j.find("bugs"); bugs != j.end()) {
    if (!bugs->is_array()) {
      *error = "field \"bugs\" must be an array of names";
      return false;
    }
    c->bugs = 0;
    for (const json& name : *bugs) {
      std::optional<model::ModelBug> bug;
      if (name.is_string()) bug = model::ModelBugFromName(name.get<std::string>());
      if (!bug) {
        *error = "unknown model bug " + name.dump();
        return false;
      }
      c->Add(*bug);
    }
  }
  *error = c->Validate();
  return error->empty();
}

json ModelMessageToJson(const model::Message& m) {
  json j{{"type", TypeName(m.type)}, {"from", m.source + 1}, {"to", m.dest + 1}, {"term", m.term}};
  switch (m.type) {
    case model::MessageType::kRequestVoteRequest:
      j["lastLogTerm"] = m.last_log_term;
      j["lastLogIndex"] = m.last_log_index;
      break;
    case model::MessageType::kRequestVoteResponse:
      j["voteGranted"] = m.granted;
      break;
    case model::MessageType::kAppendEntriesRequest:
      j["prevLogIndex"] = m.prev_log_index;
      j["prevLogTerm"] = m.prev_log_term;
      j["entries"] = json::array();
      if (m.has_entry()) j["entries"].push_back({{"term", m.entry.term}, {"value", m.entry.value}});
      j["commitIndex"] = m.commit;
      break;
    case model::MessageType::kAppendEntriesResponse:
      j["success"] = m.success;
      j["matchIndex"] = m.match_index;
      break;
  }
  return j;
}

json ModelActionToJson(const model::State& s, const model::Action& a) {
  using model::ActionKind;
  json j{{"kind", model::ActionKindName(a.kind)}};
  switch (a.kind) {
    case ActionKind::kReceive:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage:
      j["msg"] = ModelMessageToJson(model::UnpackMessage(s.bag[a.arg]));
      break;
    case ActionKind::kRequestVote:
    case ActionKind::kAppendEntries:
      j["node"] = a.i + 1;
      j["to"] = a.arg + 1;
      break;
    case ActionKind::kClientRequest:
      j["node"] = a.i + 1;
      j["value"] = a.arg;
      break;
    default:
      j["node"] = a.i + 1;
      break;
  }
  return j;
}

bool ModelActionFromJson(const model::RaftModel& m, const model::State& s, const json& j,
                         model::Action* a, std::string* error) {
  using model::ActionKind;
  if (!OnlyKeys(j, {"kind", "node", "to", "value", "msg"}, "action", error)) return false;
  auto kind_field = j.find("kind");
  std::optional<ActionKind> kind;
  if (kind_field != j.end() && kind_field->is_string()) {
    kind = KindFromName(kind_field->get<std::string>());
  }
  if (!kind) {
    *error = "action needs a \"kind\" naming a raft.tla action (Timeout, Receive, ...)";
    return false;
  }
  const int n = m.config().servers;
  model::Action want{*kind, 0, 0};
  int node = 1, arg = 1;
  switch (*kind) {
    case ActionKind::kReceive:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage: {
      model::Message msg;
      if (!j.contains("msg") || !MessageFromJson(j["msg"], n, &msg, error)) {
        if (error->empty()) *error = "action needs a \"msg\"";
        return false;
      }
      const model::Slot key = model::PackMessage(msg);
      int slot = 0;
      while (slot < s.bag_size && model::SlotKey(s.bag[slot]) != key) ++slot;
      if (slot == s.bag_size) {
        *error = "no such message in flight: " + j["msg"].dump();
        return false;
      }
      want.arg = static_cast<std::uint8_t>(slot);
      break;
    }
    case ActionKind::kRequestVote:
    case ActionKind::kAppendEntries:
      if (!ReadInt(j, "node", 1, n, &node, error) || !ReadInt(j, "to", 1, n, &arg, error)) {
        return false;
      }
      want.i = static_cast<std::uint8_t>(node - 1);
      want.arg = static_cast<std::uint8_t>(arg - 1);
      break;
    case ActionKind::kClientRequest:
      if (!ReadInt(j, "node", 1, n, &node, error) ||
          !ReadInt(j, "value", 1, std::max(1, m.config().values), &arg, error)) {
        return false;
      }
      want.i = static_cast<std::uint8_t>(node - 1);
      want.arg = static_cast<std::uint8_t>(arg);
      break;
    default:
      if (!ReadInt(j, "node", 1, n, &node, error)) return false;
      want.i = static_cast<std::uint8_t>(node - 1);
      break;
  }
  std::vector<model::Action> enabled;
  m.Actions(s, enabled);
  for (const model::Action& e : enabled) {
    if (e == want) {
      *a = want;
      return true;
    }
  }
  *error = "action " + j.dump() + " is not enabled here";
  return false;
}

traces::Trace MakeModelTrace(const model::RaftModel& m, const std::vector<model::Action>& actions,
                             std::optional<traces::Verdict> verdict,
                             std::optional<std::uint64_t> seed) {
  traces::Trace t;
  t.system = "model";
  t.config = ModelConfigToJson(m.config());
  t.seed = seed;
  std::vector<model::State> init;
  m.InitialStates(init);
  model::State s = init.front();
  for (const model::Action& a : actions) {
    t.actions.push_back(ModelActionToJson(s, a));
    m.Apply(s, a);
  }
  t.verdict = std::move(verdict);
  return t;
}

}  // namespace raftcheck
