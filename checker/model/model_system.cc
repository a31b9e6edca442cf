#include "checker/model/model_system.h"

#include <algorithm>

#include "checker/json/fields.h"

namespace raftcheck {
namespace {

using json_fields::OnlyKeys;
using json_fields::ReadInt;
using nlohmann::json;

base::Status Invalid(std::string msg) { return base::Status::InvalidArgument(std::move(msg)); }

const char* TypeName(model::MessageType t) {
  switch (t) {
    case model::MessageType::kRequestVoteRequest: return "RequestVoteRequest";
    case model::MessageType::kRequestVoteResponse: return "RequestVoteResponse";
    case model::MessageType::kAppendEntriesRequest: return "AppendEntriesRequest";
    case model::MessageType::kAppendEntriesResponse: return "AppendEntriesResponse";
  }
  return "?";
}

base::Status ReadByte(const json& j, const char* key, std::uint8_t* out) {
  int v = 0;
  if (base::Status s = ReadInt(j, key, 0, 255, &v); !s.ok()) return s;
  *out = static_cast<std::uint8_t>(v);
  return base::Status::OK();
}

base::Status ReadBool(const json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_boolean()) {
    return Invalid(std::string("field \"") + key + "\" must be true or false");
  }
  *out = it->get<bool>();
  return base::Status::OK();
}

// The first error of `checks`, or OK.
base::Status First(std::initializer_list<base::Status> checks) {
  for (const base::Status& s : checks) {
    if (!s.ok()) return s;
  }
  return base::Status::OK();
}

base::Status MessageFromJson(const json& j, int servers, model::Message* m) {
  if (!j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    return Invalid("message needs a \"type\" string");
  }
  const std::string type = j["type"].get<std::string>();
  int from = 0, to = 0;
  if (base::Status s = First({ReadInt(j, "from", 1, servers, &from),
                              ReadInt(j, "to", 1, servers, &to), ReadByte(j, "term", &m->term)});
      !s.ok()) {
    return s;
  }
  m->source = static_cast<std::uint8_t>(from - 1);
  m->dest = static_cast<std::uint8_t>(to - 1);
  if (type == "RequestVoteRequest") {
    m->type = model::MessageType::kRequestVoteRequest;
    if (base::Status s = OnlyKeys(j, {"type", "from", "to", "term", "lastLogTerm", "lastLogIndex"},
                                  "message");
        !s.ok()) {
      return s;
    }
    return First({ReadByte(j, "lastLogTerm", &m->last_log_term),
                  ReadByte(j, "lastLogIndex", &m->last_log_index)});
  }
  if (type == "RequestVoteResponse") {
    m->type = model::MessageType::kRequestVoteResponse;
    if (base::Status s = OnlyKeys(j, {"type", "from", "to", "term", "voteGranted"}, "message");
        !s.ok()) {
      return s;
    }
    return ReadBool(j, "voteGranted", &m->granted);
  }
  if (type == "AppendEntriesRequest") {
    m->type = model::MessageType::kAppendEntriesRequest;
    if (base::Status s =
            First({OnlyKeys(j, {"type", "from", "to", "term", "prevLogIndex", "prevLogTerm",
                                "entries", "commitIndex"},
                            "message"),
                   ReadByte(j, "prevLogIndex", &m->prev_log_index),
                   ReadByte(j, "prevLogTerm", &m->prev_log_term),
                   ReadByte(j, "commitIndex", &m->commit)});
        !s.ok()) {
      return s;
    }
    auto e = j.find("entries");
    if (e == j.end() || !e->is_array() || e->size() > 1) {
      return Invalid("field \"entries\" must be an array of at most one entry");
    }
    if (e->size() == 1) {
      const json& entry = (*e)[0];
      if (base::Status s = First({OnlyKeys(entry, {"term", "value"}, "entry"),
                                  ReadByte(entry, "term", &m->entry.term),
                                  ReadByte(entry, "value", &m->entry.value)});
          !s.ok()) {
        return s;
      }
      if (m->entry.term == 0) return Invalid("an entry's term is at least 1");
    }
    return base::Status::OK();
  }
  if (type == "AppendEntriesResponse") {
    m->type = model::MessageType::kAppendEntriesResponse;
    return First({OnlyKeys(j, {"type", "from", "to", "term", "success", "matchIndex"}, "message"),
                  ReadBool(j, "success", &m->success),
                  ReadByte(j, "matchIndex", &m->match_index)});
  }
  return Invalid("unknown message type \"" + type + "\"");
}

std::optional<model::ActionKind> KindFromName(const std::string& name) {
  for (int k = 0; k < model::kActionKindCount; ++k) {
    const auto kind = static_cast<model::ActionKind>(k);
    if (name == model::ActionKindName(kind)) return kind;
  }
  return std::nullopt;
}

enum Goal : std::uint32_t {
  kLeaderElected = 1U << 0,
  kEntryCommitted = 1U << 1,
  kDropTaken = 1U << 2,
  kDuplicateTaken = 1U << 3,
  kRestartTaken = 1U << 4,
};

}  // namespace

const registry::ConfigSchema<model::ModelConfig>& ModelSpec::Schema() {
  static const registry::ConfigSchema<model::ModelConfig> kSchema = [] {
    using model::ModelConfig;
    registry::ConfigSchema<ModelConfig> s;
    s.Int("nodes", "nodes", &ModelConfig::servers, 1, model::kMaxServers, "servers")
        .Int("values", "values", &ModelConfig::values, 0, model::kMaxValues,
             "client values (the set Value)")
        .Int("max-term", "max_term", &ModelConfig::max_term, 1, model::kMaxTermBound,
             "bound: every term <= this")
        .Int("max-log", "max_log", &ModelConfig::max_log, 0, model::kLogCapacity - 1,
             "bound: every log length <= this")
        .Int("max-msgs", "max_msgs", &ModelConfig::max_msgs, 0, model::kBagCapacity - 1,
             "bound: messages in flight (with duplicates)");
    return s;
  }();
  return kSchema;
}

model::ModelConfig ModelSpec::Defaults(registry::Command command) {
  model::ModelConfig c;  // TLC's reference bounds: 3 servers, 1 value, 2/1/1
  if (command == registry::Command::kSimulate) {
    // Looser than the TLC reference bounds: a walk ends at its first out-of-bound state.
    c.values = 2;
    c.max_term = 4;
    c.max_log = 4;
    c.max_msgs = 5;
  }
  return c;
}

std::span<const ModelBugScenario> ModelSpec::Scenarios() {
  static const std::vector<ModelBugScenario> kScenarios = [] {
    model::ModelConfig figure8;  // 2 servers, MaxTerm 3: the smallest space where it shows
    figure8.servers = 2;
    figure8.max_term = 3;
    return std::vector<ModelBugScenario>{
        {model::ModelBug::kCommitPriorTerm, figure8, "spec-commit", "spec-commit"},
        {model::ModelBug::kVoteTwice, model::ModelConfig{}, "spec-vote",
         "spec-vote, election-safety"},
    };
  }();
  return kScenarios;
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

json ModelSpec::ActionToJson(const System&, const model::State& s, const model::Action& a) {
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

base::Result<model::Action> ModelSpec::ActionFromJson(const System& m, const model::State& s,
                                                      const json& j, const registry::Lookup&) {
  using model::ActionKind;
  if (base::Status st = OnlyKeys(j, {"kind", "node", "to", "value", "msg"}, "action"); !st.ok()) {
    return st;
  }
  auto kind_field = j.find("kind");
  std::optional<ActionKind> kind;
  if (kind_field != j.end() && kind_field->is_string()) {
    kind = KindFromName(kind_field->get<std::string>());
  }
  if (!kind) return Invalid("action needs a \"kind\" naming a raft.tla action (Timeout, Receive, ...)");
  const int n = m.config().servers;
  model::Action want{*kind, 0, 0};
  int node = 1, arg = 1;
  base::Status read;
  switch (*kind) {
    case ActionKind::kReceive:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage: {
      model::Message msg;
      if (!j.contains("msg")) return Invalid("action needs a \"msg\"");
      if (base::Status st = MessageFromJson(j["msg"], n, &msg); !st.ok()) return st;
      const model::Slot key = model::PackMessage(msg);
      int slot = 0;
      while (slot < s.bag_size && model::SlotKey(s.bag[slot]) != key) ++slot;
      if (slot == s.bag_size) {
        return base::Status::Unavailable("no such message in flight: " +
                                         model::RaftModel::DescribeMessage(msg));
      }
      want.arg = static_cast<std::uint8_t>(slot);
      break;
    }
    case ActionKind::kRequestVote:
    case ActionKind::kAppendEntries:
      read = First({ReadInt(j, "node", 1, n, &node), ReadInt(j, "to", 1, n, &arg)});
      want.i = static_cast<std::uint8_t>(node - 1);
      want.arg = static_cast<std::uint8_t>(arg - 1);
      break;
    case ActionKind::kClientRequest:
      read = First({ReadInt(j, "node", 1, n, &node),
                    ReadInt(j, "value", 1, std::max(1, m.config().values), &arg)});
      want.i = static_cast<std::uint8_t>(node - 1);
      want.arg = static_cast<std::uint8_t>(arg);
      break;
    default:
      read = ReadInt(j, "node", 1, n, &node);
      want.i = static_cast<std::uint8_t>(node - 1);
      break;
  }
  if (!read.ok()) return read;
  std::vector<model::Action> enabled;
  m.Actions(s, enabled);
  if (std::find(enabled.begin(), enabled.end(), want) == enabled.end()) {
    return base::Status::Unavailable(m.Describe(want) + " is not enabled here");
  }
  return want;
}

registry::StepView ModelSpec::ViewStep(const System& m, const model::State& before,
                                       const model::Action& a) {
  using model::ActionKind;
  registry::StepView v;
  v.text = m.DescribeIn(before, a);
  v.node = a.i + 1;
  v.label = m.Describe(a);
  switch (a.kind) {
    case ActionKind::kReceive:
    case ActionKind::kDuplicateMessage:
    case ActionKind::kDropMessage: {
      const model::Message msg = model::UnpackMessage(before.bag[a.arg]);
      // The views' vocabulary for message actions (views.h).
      v.kind = a.kind == ActionKind::kReceive            ? "deliver"
               : a.kind == ActionKind::kDuplicateMessage ? "duplicate"
                                                         : "drop";
      v.node = msg.dest + 1;
      v.from = msg.source + 1;
      v.label = model::RaftModel::DescribeMessage(msg);
      break;
    }
    case ActionKind::kRestart:
      v.kind = "restart";
      break;
    case ActionKind::kTimeout:
      v.kind = "timeout";
      break;
    default:
      v.kind = model::ActionKindName(a.kind);
      break;
  }
  return v;
}

std::string ModelSpec::ExceededBound(const System& m, const model::State& s) {
  const model::ModelConfig& c = m.config();
  for (int i = 0; i < c.servers; ++i) {
    if (s.servers[i].term > c.max_term) return "--max-term " + std::to_string(c.max_term);
    if (s.servers[i].log_len > c.max_log) return "--max-log " + std::to_string(c.max_log);
  }
  if (s.InFlight() > c.max_msgs) {
    return "--max-msgs " + std::to_string(c.max_msgs) + " (" + std::to_string(s.InFlight()) +
           " messages in flight)";
  }
  return "";
}

std::vector<std::string> ModelSpec::GoalNames() {
  return {"leader elected", "entry committed", "drop", "duplicate", "restart"};
}

std::uint32_t ModelSpec::EnabledGoals(const Config&) {
  return kLeaderElected | kEntryCommitted | kDropTaken | kDuplicateTaken | kRestartTaken;
}

std::uint32_t ModelSpec::Reached(const System& m, const model::State&, const model::Action& a,
                                 const model::State& next) {
  std::uint32_t goals = 0;
  switch (a.kind) {
    case model::ActionKind::kDropMessage: goals |= kDropTaken; break;
    case model::ActionKind::kDuplicateMessage: goals |= kDuplicateTaken; break;
    case model::ActionKind::kRestart: goals |= kRestartTaken; break;
    case model::ActionKind::kBecomeLeader: goals |= kLeaderElected; break;
    default: break;
  }
  for (int i = 0; i < m.config().servers; ++i) {
    if (next.servers[i].commit > 0) goals |= kEntryCommitted;
  }
  return goals;
}

int ModelSpec::Actor(const json& a) {
  if (auto msg = a.find("msg"); msg != a.end() && msg->is_object()) return msg->value("to", 0);
  return a.value("node", 0);
}

std::string ModelSpec::Fault(const json& a) {
  const std::string kind = a.value("kind", "");
  if (kind == "DropMessage") return "drop";
  if (kind == "DuplicateMessage") return "duplicate";
  if (kind == "Restart") return "crash";
  return "";
}

json ModelSpec::Tighten(json c, std::span<const json> actions) {
  int values = 0;
  for (const json& a : actions) {
    if (a.value("kind", "") == "ClientRequest") values = std::max(values, a.value("value", 0));
  }
  c["values"] = values;
  return c;
}

}  // namespace raftcheck
