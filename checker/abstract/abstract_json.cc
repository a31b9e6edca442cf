#include "checker/abstract/abstract_json.h"

#include <set>

#include "checker/json/fields.h"

namespace raftcheck {
namespace {

using json_fields::IsIntIn;
using json_fields::OnlyKeysIn;
using json_fields::ReadInt;

using nlohmann::json;
namespace ab = model::abstract;

std::optional<ab::ActionKind> KindFromName(const std::string& name) {
  for (int k = 0; k < ab::kActionKindCount; ++k) {
    if (name == ab::ActionKindName(static_cast<ab::ActionKind>(k))) {
      return static_cast<ab::ActionKind>(k);
    }
  }
  return std::nullopt;
}

bool HasPeer(ab::ActionKind k) {
  return k == ab::ActionKind::kGetEntries || k == ab::ActionKind::kRollbackEntries ||
         k == ab::ActionKind::kUpdateTerms;
}

}  // namespace

json AbstractActionToJson(const ab::Action& a, int servers) {
  json j{{"kind", ab::ActionKindName(a.kind)}, {"node", a.node + 1}};
  if (HasPeer(a.kind)) j["peer"] = a.peer + 1;
  if (a.kind == ab::ActionKind::kBecomeLeader) {
    json quorum = json::array();
    for (int v = 0; v < servers; ++v) {
      if ((a.quorum >> v & 1U) != 0) quorum.push_back(v + 1);
    }
    j["quorum"] = quorum;
  }
  return j;
}

base::Result<ab::Action> AbstractActionFromJson(const json& j, int servers) {
  auto invalid = [](std::string msg) { return base::Status::InvalidArgument(std::move(msg)); };
  if (!j.is_object() || !j.contains("kind") || !j["kind"].is_string()) {
    return invalid("action needs a \"kind\" string");
  }
  std::optional<ab::ActionKind> kind = KindFromName(j["kind"].get<std::string>());
  if (!kind) return invalid("unknown action kind \"" + j["kind"].get<std::string>() + "\"");
  std::set<std::string> keys = {"kind", "node"};
  if (HasPeer(*kind)) keys.insert("peer");
  if (*kind == ab::ActionKind::kBecomeLeader) keys.insert("quorum");
  if (base::Status s = OnlyKeysIn(j, keys, "action"); !s.ok()) return s;
  ab::Action a;
  a.kind = *kind;
  int node = 0, peer = 1;
  if (base::Status s = ReadInt(j, "node", 1, servers, &node); !s.ok()) return s;
  if (HasPeer(*kind)) {
    if (base::Status s = ReadInt(j, "peer", 1, servers, &peer); !s.ok()) return s;
  }
  a.node = static_cast<std::uint8_t>(node - 1);
  a.peer = HasPeer(*kind) ? static_cast<std::uint8_t>(peer - 1) : 0;
  if (*kind == ab::ActionKind::kBecomeLeader) {
    const json q = j.value("quorum", json());
    if (!q.is_array()) return invalid("field \"quorum\" must be an array of servers");
    for (const json& v : q) {
      if (!IsIntIn(v, 1, servers)) {
        return invalid("field \"quorum\" must hold servers from 1 to " + std::to_string(servers));
      }
      a.quorum |= static_cast<std::uint8_t>(1U << (v.get<int>() - 1));
    }
  }
  return a;
}

json AbstractStateToJson(const ab::State& s, int servers) {
  json out{{"servers", json::array()}, {"committed", json::array()}};
  for (int i = 0; i < servers; ++i) {
    const ab::Server& v = s.servers[static_cast<std::size_t>(i)];
    json log = json::array();
    for (int k = 0; k < v.len; ++k) log.push_back(v.log[static_cast<std::size_t>(k)]);
    out["servers"].push_back(
        json{{"term", v.term}, {"role", v.primary ? "primary" : "secondary"}, {"log", log}});
  }
  for (int k = 1; k <= ab::kLogCapacity; ++k) {
    for (int t = 0; t < 16; ++t) {
      if (s.Committed(k, t)) out["committed"].push_back(json::array({k, t}));
    }
  }
  return out;
}

}  // namespace raftcheck
