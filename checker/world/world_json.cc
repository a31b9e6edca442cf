#include "checker/world/world_json.h"

#include <algorithm>
#include <set>
#include <vector>

#include "checker/json/fields.h"

namespace raftcheck {
namespace {

using json_fields::OnlyKeys;

using nlohmann::json;

// Reads an unsigned field; a missing field keeps *out. False with *error when mistyped.
bool ReadUint(const json& j, const char* key, std::uint64_t* out, std::string* error) {
  auto it = j.find(key);
  if (it == j.end()) return true;
  // Unsigned when parsed from text; a signed (non-negative) integer when built in memory.
  if (!it->is_number_integer() || (!it->is_number_unsigned() && it->get<std::int64_t>() < 0)) {
    *error = std::string("field \"") + key + "\" must be a non-negative integer";
    return false;
  }
  *out = it->get<std::uint64_t>();
  return true;
}

bool ReadBool(const json& j, const char* key, bool* out, std::string* error) {
  auto it = j.find(key);
  if (it == j.end()) return true;
  if (!it->is_boolean()) {
    *error = std::string("field \"") + key + "\" must be true or false";
    return false;
  }
  *out = it->get<bool>();
  return true;
}

// A message named in a trace: the fields it lists, each of which must equal the in-flight
// message's. Traces written by raftcheck list every field; a hand-written one may list fewer.
struct MessagePattern {
  raft::Message m;
  std::set<std::string> given;  // JSON field names present

  bool Matches(const raft::Message& x) const {
    auto want = [this](const char* field) { return given.count(field) > 0; };
    return x.type == m.type && (!want("from") || x.from == m.from) &&
           (!want("to") || x.to == m.to) && (!want("term") || x.term == m.term) &&
           (!want("log_term") || x.log_term == m.log_term) &&
           (!want("index") || x.index == m.index) && (!want("commit") || x.commit == m.commit) &&
           (!want("reject") || x.reject == m.reject) &&
           (!want("reject_hint") || x.reject_hint == m.reject_hint) &&
           (!want("entries") || x.entries == m.entries) &&
           (!want("context") || x.context == m.context);
  }
};

bool MessagePatternFromJson(const json& j, MessagePattern* p, std::string* error) {
  if (!OnlyKeys(j, {"type", "from", "to", "term", "log_term", "index", "commit", "reject",
                    "reject_hint", "entries", "context"},
                "message", error)) {
    return false;
  }
  raft::Message* m = &p->m;
  for (auto it = j.begin(); it != j.end(); ++it) p->given.insert(it.key());
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) {
    *error = "message needs a \"type\" string";
    return false;
  }
  bool known = false;
  for (int t = 0; t < raft::kMessageTypeCount; ++t) {
    if (*type == raft::MessageTypeName(static_cast<raft::MessageType>(t))) {
      m->type = static_cast<raft::MessageType>(t);
      known = true;
    }
  }
  if (!known) {
    *error = "unknown message type \"" + type->get<std::string>() + "\"";
    return false;
  }
  if (!ReadUint(j, "from", &m->from, error) || !ReadUint(j, "to", &m->to, error) ||
      !ReadUint(j, "term", &m->term, error) || !ReadUint(j, "log_term", &m->log_term, error) ||
      !ReadUint(j, "index", &m->index, error) || !ReadUint(j, "commit", &m->commit, error) ||
      !ReadBool(j, "reject", &m->reject, error) ||
      !ReadUint(j, "reject_hint", &m->reject_hint, error)) {
    return false;
  }
  if (auto c = j.find("context"); c != j.end()) {
    if (!c->is_string()) {
      *error = "field \"context\" must be a string";
      return false;
    }
    m->context = c->get<std::string>();
  }
  if (auto es = j.find("entries"); es != j.end()) {
    if (!es->is_array()) {
      *error = "field \"entries\" must be an array";
      return false;
    }
    for (const json& e : *es) {
      if (!OnlyKeys(e, {"term", "index", "data"}, "entry", error)) return false;
      raft::Entry entry;
      if (!ReadUint(e, "term", &entry.term, error) || !ReadUint(e, "index", &entry.index, error)) {
        return false;
      }
      if (auto d = e.find("data"); d != e.end()) {
        if (!d->is_string()) {
          *error = "entry field \"data\" must be a string";
          return false;
        }
        entry.data = d->get<std::string>();
      }
      m->entries.push_back(std::move(entry));
    }
  }
  return true;
}

enum class Lookup { kFound, kNone, kAmbiguous };

// The position of the one distinct in-flight message p names (its first copy), or a reason:
// none matches, or several different messages do.
Lookup FindMessage(const Network& net, const MessagePattern& p, std::size_t* at,
                   std::string* error) {
  std::size_t found = net.size();
  for (std::size_t i = 0; i < net.size(); ++i) {
    if (!p.Matches(net.at(i))) continue;
    if (found == net.size()) {
      found = i;
    } else if (net.code(i) != net.code(found)) {
      *error = "ambiguous message: both " + raft::Describe(net.at(found)) + " and " +
               raft::Describe(net.at(i)) + " match; name more fields";
      return Lookup::kAmbiguous;
    }
  }
  if (found == net.size()) {
    *error = "no such message in flight: " + raft::Describe(p.m);
    return Lookup::kNone;
  }
  *at = found;
  return Lookup::kFound;
}

// The in-flight message of p's type, sender and receiver that agrees with p on the most
// fields, or net.size().
std::size_t ClosestMessage(const Network& net, const MessagePattern& p) {
  std::size_t best = net.size();
  int best_score = -1;
  for (std::size_t i = 0; i < net.size(); ++i) {
    const raft::Message& x = net.at(i);
    if (x.type != p.m.type || x.from != p.m.from || x.to != p.m.to) continue;
    const int score = (x.term == p.m.term) * 8 + (x.entries == p.m.entries) * 4 +
                      (x.index == p.m.index) + (x.log_term == p.m.log_term) +
                      (x.commit == p.m.commit) + (x.reject == p.m.reject) +
                      (x.reject_hint == p.m.reject_hint) + (x.context == p.m.context);
    if (score > best_score) {
      best = i;
      best_score = score;
    }
  }
  return best;
}

}  // namespace

json ConfigToJson(const WorldConfig& c) {
  json bugs = json::array();
  for (const raft::BugInfo& info : raft::BugCatalog()) {
    if (c.bugs.Has(info.bug)) bugs.push_back(info.name);
  }
  return json{{"nodes", c.nodes},         {"values", c.values},
              {"max_term", c.max_term},   {"max_log", c.max_log},
              {"max_msgs", c.max_msgs},   {"max_crashes", c.max_crashes},
              {"drop", c.drop},           {"duplicate", c.duplicate},
              {"restart", c.restart},     {"ready_action", c.ready_action},
              {"pre_vote", c.pre_vote},   {"single_entry_appends", c.single_entry_appends},
              {"bugs", bugs}};
}

bool ConfigFromJson(const json& j, WorldConfig* c, std::string* error) {
  if (!OnlyKeys(j, {"nodes", "values", "max_term", "max_log", "max_msgs", "max_crashes", "drop",
                    "duplicate", "restart", "ready_action", "pre_vote", "single_entry_appends",
                    "bugs"},
                "config", error)) {
    return false;
  }
  std::uint64_t nodes = c->nodes, values = c->values, msgs = c->max_msgs,
                crashes = c->max_crashes;
  if (!ReadUint(j, "nodes", &nodes, error) || !ReadUint(j, "values", &values, error) ||
      !ReadUint(j, "max_term", &c->max_term, error) ||
      !ReadUint(j, "max_log", &c->max_log, error) || !ReadUint(j, "max_msgs", &msgs, error) ||
      !ReadUint(j, "max_crashes", &crashes, error) || !ReadBool(j, "drop", &c->drop, error) ||
      !ReadBool(j, "duplicate", &c->duplicate, error) ||
      !ReadBool(j, "restart", &c->restart, error) ||
      !ReadBool(j, "ready_action", &c->ready_action, error) ||
      !ReadBool(j, "pre_vote", &c->pre_vote, error) ||
      !ReadBool(j, "single_entry_appends", &c->single_entry_appends, error)) {
    return false;
  }
  // Clamp before narrowing so that a huge number is reported as out of range, not wrapped.
  c->nodes = static_cast<int>(std::min<std::uint64_t>(nodes, 1000));
  c->values = static_cast<int>(std::min<std::uint64_t>(values, 1000));
  c->max_msgs = static_cast<int>(std::min<std::uint64_t>(msgs, 100000));
  c->max_crashes = static_cast<int>(std::min<std::uint64_t>(crashes, 100000));
  c->bugs = raft::BugSet();
  if (auto bugs = j.find("bugs"); bugs != j.end()) {
    if (!bugs->is_array()) {
      *error = "field \"bugs\" must be an array of bug names";
      return false;
    }
    for (const json& b : *bugs) {
      std::optional<raft::Bug> bug;
      if (b.is_string()) bug = raft::BugFromName(b.get<std::string>());
      if (!bug) {
        *error = "unknown bug " + b.dump() + " (raftcheck bugs lists them)";
        return false;
      }
      c->bugs.Add(*bug);
    }
  }
  if (std::string invalid = c->Validate(); !invalid.empty()) {
    *error = invalid;
    return false;
  }
  return true;
}

json MessageToJson(const raft::Message& m) {
  // Every field, so that the message is named exactly (a pattern with every field matches
  // only equal messages).
  json entries = json::array();
  for (const raft::Entry& e : m.entries) {
    entries.push_back(json{{"term", e.term}, {"index", e.index}, {"data", e.data}});
  }
  return json{{"type", raft::MessageTypeName(m.type)},
              {"from", m.from},
              {"to", m.to},
              {"term", m.term},
              {"log_term", m.log_term},
              {"index", m.index},
              {"commit", m.commit},
              {"reject", m.reject},
              {"reject_hint", m.reject_hint},
              {"entries", entries},
              {"context", m.context}};
}

json ActionToJson(const WorldState& s, const WorldAction& a) {
  json j{{"kind", ActionKindName(a.kind)}};
  switch (a.kind) {
    case ActionKind::kDeliver:
    case ActionKind::kDrop:
    case ActionKind::kDuplicate:
      j["msg"] = MessageToJson(s.network.at(a.msg));
      break;
    default:
      j["node"] = a.node + 1;
      break;
  }
  return j;
}

bool ActionFromJson(const ClusterWorld& world, const WorldState& s, const json& j,
                    WorldAction* a, std::string* error, ActionLookup* lookup) {
  ActionLookup defaults;
  if (!lookup) lookup = &defaults;
  bool* not_enabled = &lookup->not_enabled;
  *not_enabled = false;
  if (!OnlyKeys(j, {"kind", "node", "msg"}, "action", error)) return false;
  auto kind = j.find("kind");
  if (kind == j.end() || !kind->is_string()) {
    *error = "action needs a \"kind\" string";
    return false;
  }
  bool known = false;
  for (int k = 0; k <= static_cast<int>(ActionKind::kReady); ++k) {
    if (*kind == ActionKindName(static_cast<ActionKind>(k))) {
      a->kind = static_cast<ActionKind>(k);
      known = true;
    }
  }
  if (!known) {
    *error = "unknown action kind \"" + kind->get<std::string>() + "\"";
    return false;
  }
  const bool message_action = a->kind == ActionKind::kDeliver || a->kind == ActionKind::kDrop ||
                              a->kind == ActionKind::kDuplicate;
  if (message_action) {
    auto msg = j.find("msg");
    if (msg == j.end()) {
      *error = std::string(ActionKindName(a->kind)) + " needs a \"msg\"";
      return false;
    }
    MessagePattern pattern;
    std::size_t at = 0;
    if (!MessagePatternFromJson(*msg, &pattern, error)) return false;
    if (const Lookup found = FindMessage(s.network, pattern, &at, error);
        found != Lookup::kFound) {
      at = found == Lookup::kNone && lookup->closest_message ? ClosestMessage(s.network, pattern)
                                                             : s.network.size();
      if (at == s.network.size()) {
        *not_enabled = found == Lookup::kNone;
        return false;
      }
    }
    a->msg = static_cast<std::uint16_t>(at);
    a->node = static_cast<std::uint8_t>(s.network.at(at).to - 1);
  } else {
    std::uint64_t node = 0;
    if (!ReadUint(j, "node", &node, error)) return false;
    if (node < 1 || node > static_cast<std::uint64_t>(s.size())) {
      *error = "action needs a \"node\" between 1 and " + std::to_string(s.size());
      return false;
    }
    a->node = static_cast<std::uint8_t>(node - 1);
    a->msg = 0;
  }
  std::vector<WorldAction> enabled;
  world.Actions(s, enabled);
  if (std::find(enabled.begin(), enabled.end(), *a) == enabled.end()) {
    *error = std::string(ActionKindName(a->kind)) + " is not enabled here";
    *not_enabled = true;
    return false;
  }
  return true;
}

}  // namespace raftcheck
