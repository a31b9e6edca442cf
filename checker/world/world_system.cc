#include "checker/world/world_system.h"

#include <algorithm>
#include <set>
#include <vector>

#include "checker/json/fields.h"
#include "checker/world/clients.h"

namespace raftcheck {
namespace {

using nlohmann::json;
using registry::Command;

base::Status Invalid(std::string msg) { return base::Status::InvalidArgument(std::move(msg)); }

bool IsMessageAction(ActionKind k) {
  return k == ActionKind::kDeliver || k == ActionKind::kDrop || k == ActionKind::kDuplicate;
}

// Reads an unsigned field into *out; a missing field keeps *out.
base::Status ReadUint(const json& j, const char* key, std::uint64_t* out) {
  auto it = j.find(key);
  if (it == j.end()) return base::Status::OK();
  // Unsigned when parsed from text; a signed (non-negative) integer when built in memory.
  if (!it->is_number_integer() || (!it->is_number_unsigned() && it->get<std::int64_t>() < 0)) {
    return Invalid(std::string("field \"") + key + "\" must be a non-negative integer");
  }
  *out = it->get<std::uint64_t>();
  return base::Status::OK();
}

base::Status ReadBool(const json& j, const char* key, bool* out) {
  auto it = j.find(key);
  if (it == j.end()) return base::Status::OK();
  if (!it->is_boolean()) return Invalid(std::string("field \"") + key + "\" must be true or false");
  *out = it->get<bool>();
  return base::Status::OK();
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
           (!want("context") || x.context == m.context) &&
           (!want("snapshot") || x.snapshot == m.snapshot);
  }
};

base::Status ReadString(const json& j, const char* key, std::string* out) {
  auto it = j.find(key);
  if (it == j.end()) return base::Status::OK();
  if (!it->is_string()) return Invalid(std::string("field \"") + key + "\" must be a string");
  *out = it->get<std::string>();
  return base::Status::OK();
}

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

base::Result<std::string> FromHex(std::string_view hex) {
  auto digit = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    const int hi = digit(hex[i]), lo = digit(hex[i + 1]);
    if (hi < 0 || lo < 0) break;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  if (out.size() * 2 != hex.size()) return Invalid("snapshot \"data\" must be lower-case hex");
  return out;
}

json SnapshotToJson(const raft::Snapshot& snap) {
  return json{{"index", snap.metadata.index},
              {"term", snap.metadata.term},
              {"voters", snap.metadata.conf_state.voters},
              {"data", Hex(snap.data)}};
}

base::Status ReadSnapshot(const json& j, raft::Snapshot* snap) {
  if (base::Status s = json_fields::OnlyKeys(j, {"index", "term", "voters", "data"}, "snapshot");
      !s.ok()) {
    return s;
  }
  std::string hex;
  for (const base::Status& s : {ReadUint(j, "index", &snap->metadata.index),
                                ReadUint(j, "term", &snap->metadata.term),
                                ReadString(j, "data", &hex)}) {
    if (!s.ok()) return s.Prefixed("snapshot");
  }
  if (auto v = j.find("voters"); v != j.end()) {
    if (!v->is_array()) return Invalid("snapshot field \"voters\" must be an array of ids");
    for (const json& id : *v) {
      if (!id.is_number_unsigned()) return Invalid("snapshot field \"voters\" must be an array of ids");
      snap->metadata.conf_state.voters.push_back(id.get<raft::NodeId>());
    }
  }
  base::Result<std::string> data = FromHex(hex);
  if (!data.ok()) return data.status();
  snap->data = *std::move(data);
  return base::Status::OK();
}

base::Result<MessagePattern> MessagePatternFromJson(const json& j) {
  if (base::Status s = json_fields::OnlyKeys(j, {"type", "from", "to", "term", "log_term",
                                                 "index", "commit", "reject", "reject_hint",
                                                 "entries", "context", "snapshot"},
                                             "message");
      !s.ok()) {
    return s;
  }
  MessagePattern p;
  raft::Message* m = &p.m;
  for (auto it = j.begin(); it != j.end(); ++it) p.given.insert(it.key());
  auto type = j.find("type");
  if (type == j.end() || !type->is_string()) return Invalid("message needs a \"type\" string");
  std::optional<raft::MessageType> t = raft::MessageTypeFromName(type->get<std::string>());
  if (!t) return Invalid("unknown message type \"" + type->get<std::string>() + "\"");
  m->type = *t;
  for (const base::Status& s :
       {ReadUint(j, "from", &m->from), ReadUint(j, "to", &m->to), ReadUint(j, "term", &m->term),
        ReadUint(j, "log_term", &m->log_term), ReadUint(j, "index", &m->index),
        ReadUint(j, "commit", &m->commit), ReadBool(j, "reject", &m->reject),
        ReadUint(j, "reject_hint", &m->reject_hint), ReadString(j, "context", &m->context)}) {
    if (!s.ok()) return s;
  }
  if (auto es = j.find("entries"); es != j.end()) {
    if (!es->is_array()) return Invalid("field \"entries\" must be an array");
    for (const json& e : *es) {
      if (base::Status s = json_fields::OnlyKeys(e, {"term", "index", "data"}, "entry");
          !s.ok()) {
        return s;
      }
      raft::Entry entry;
      for (const base::Status& s : {ReadUint(e, "term", &entry.term),
                                    ReadUint(e, "index", &entry.index),
                                    ReadString(e, "data", &entry.data)}) {
        if (!s.ok()) return s.Prefixed("entry");
      }
      m->entries.push_back(std::move(entry));
    }
  }
  if (auto snap = j.find("snapshot"); snap != j.end()) {
    if (!snap->is_object()) return Invalid("field \"snapshot\" must be an object");
    if (base::Status s = ReadSnapshot(*snap, &m->snapshot); !s.ok()) return s;
  }
  return p;
}

// The position of the one distinct in-flight message p names (its first copy); Unavailable
// when none matches, InvalidArgument when several different messages do.
base::Result<std::size_t> FindMessage(const Network& net, const MessagePattern& p) {
  std::size_t found = net.size();
  for (std::size_t i = 0; i < net.size(); ++i) {
    if (!p.Matches(net.at(i))) continue;
    if (found == net.size()) {
      found = i;
    } else if (net.code(i) != net.code(found)) {
      return Invalid("ambiguous message: both " + raft::Describe(net.at(found)) + " and " +
                     raft::Describe(net.at(i)) + " match; name more fields");
    }
  }
  if (found == net.size()) {
    return base::Status::Unavailable("no such message in flight: " + raft::Describe(p.m));
  }
  return found;
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

std::size_t CountKind(std::span<const json> actions, const char* kind) {
  std::size_t n = 0;
  for (const json& a : actions) n += a.value("kind", "") == kind;
  return n;
}

// The goals, by bit.
enum Goal : std::uint32_t {
  kLeaderElected = 1U << 0,
  kEntryCommitted = 1U << 1,
  kDropTaken = 1U << 2,
  kDuplicateTaken = 1U << 3,
  kCrashTaken = 1U << 4,
  kRestartTaken = 1U << 5,
  kCompactionTaken = 1U << 6,
  kSnapshotDelivered = 1U << 7,  // a MsgSnap reached an up node
  kClientAnswered = 1U << 8,     // a client's operation completed ok
  kTimeoutNowDelivered = 1U << 9,  // a leadership transfer reached its transferee
  kCheckQuorumStepDown = 1U << 10, // a leader stepped down on a tick (CheckQuorum)
};

int OkOps(const WorldState& s) {
  int ok = 0;
  for (const ClientOp& op : s.ops) ok += op.outcome == ClientOutcome::kOk;
  return ok;
}

}  // namespace

const registry::ConfigSchema<WorldConfig>& WorldSpec::Schema() {
  static const registry::ConfigSchema<WorldConfig> kSchema = [] {
    registry::ConfigSchema<WorldConfig> s;
    s.Int("nodes", "nodes", &WorldConfig::nodes, 1, kMaxNodes, "cluster size")
        .Int("values", "values", &WorldConfig::values, 0, kMaxValues,
             "client values proposed, each at most once")
        .Uint("max-term", "max_term", &WorldConfig::max_term, 1, 250,
              "bound: every term <= this")
        .Uint("max-log", "max_log", &WorldConfig::max_log, 1, 250,
              "bound: every log length <= this")
        .Int("max-msgs", "max_msgs", &WorldConfig::max_msgs, 0, 1000,
             "bound: messages in flight (with duplicates)")
        .Int("max-crashes", "max_crashes", &WorldConfig::max_crashes, 0, kMaxCrashes,
             "crashes allowed over a run")
        .Switch("no-drop", "drop", &WorldConfig::drop, false, "messages are never lost")
        .Switch("no-dup", "duplicate", &WorldConfig::duplicate, false,
                "messages are never duplicated")
        .Switch("no-restart", "restart", &WorldConfig::restart, false,
                "crashed nodes stay down")
        .Switch("ready-action", "ready_action", &WorldConfig::ready_action, true,
                "handling a Ready is an action (a crash can fall before persisting)")
        .Switch("no-prevote", "pre_vote", &WorldConfig::pre_vote, false,
                "nodes campaign without PreVote")
        .Switch("batch-appends", "single_entry_appends", &WorldConfig::single_entry_appends,
                false, "appends carry every entry they can (default: one entry each)")
        .Switch("disk", "disk", &WorldConfig::disk, true,
                "nodes persist through the real WAL on simulated disks; a crash loses, tears or "
                "keeps what was not synced")
        .Switch("bit-flips", "bit_flips", &WorldConfig::bit_flips, true,
                "with --disk: a crash may also flip a bit of the unsynced bytes it keeps")
        .Switch("crash-mid-ready", "crash_mid_ready", &WorldConfig::crash_mid_ready, true,
                "with --disk --ready-action: a crash may also fall between any two disk "
                "operations (writes, syncs, renames) of a node's pending Ready")
        .Int("max-compactions", "max_compactions", &WorldConfig::max_compactions, 0,
             kMaxCompactions, "compactions allowed over a run (snapshot at the applied index)")
        .Int("clients", "clients", &WorldConfig::clients, 0, kMaxClients,
             "clients of the KV service, one operation outstanding each (needs --ops)")
        .Int("ops", "ops", &WorldConfig::ops, 0, kMaxOps,
             "client operations invoked over a run (needs --clients)")
        .Switch("cas", "cas", &WorldConfig::cas, true,
                "with --clients: clients also invoke compare-and-set")
        .Switch("ticks", "ticks", &WorldConfig::ticks, true,
                "time passes by ticks: each node's Tick() fires its heartbeats and election "
                "timer (the randomized timeout enumerated)")
        .Int("election-tick", "election_tick", &WorldConfig::election_tick, 2, 20,
             "with --ticks: Config::election_tick (timeouts drawn from [e, 2e))")
        .Int("heartbeat-tick", "heartbeat_tick", &WorldConfig::heartbeat_tick, 1, 19,
             "with --ticks: Config::heartbeat_tick")
        .Int("drift", "drift", &WorldConfig::drift, 0, kAnyDrift,
             "with --ticks: a node ticks while at most this many ticks ahead of the slowest "
             "(255: no bound)")
        .Switch("check-quorum", "check_quorum", &WorldConfig::check_quorum, true,
                "with --ticks: CheckQuorum (leaders step down, followers in lease ignore "
                "candidates)")
        .Switch("lease-reads", "lease_reads", &WorldConfig::lease_reads, true,
                "with --ticks --check-quorum: lease-based reads (ReadOnlyLeaseBased)")
        .Int("lease-drift", "lease_drift", &WorldConfig::lease_drift, 0, 9,
             "with --lease-reads: the clock drift the lease assumes (Config::max_clock_drift)")
        .Switch("transfer", "transfer", &WorldConfig::transfer, true,
                "a leader may be asked to transfer leadership (TransferLeader, TimeoutNow)")
        .Int("cut-link", "cut_link", &WorldConfig::cut_link, 0, 10 * kMaxNodes + kMaxNodes,
             "the link between two nodes is down for the whole run, both ways (13: nodes 1 "
             "and 3; 0: none)")
        .Switch("stay-down", "stay_down", &WorldConfig::stay_down, true,
                "when the faults stop (--liveness), nodes that are down stay down if they are "
                "a minority")
        .Int("hold-ticks", "hold_ticks", &WorldConfig::hold_ticks, 0, 1000,
             "with --ticks, when the faults stop (--liveness): once the cluster is quiet, its "
             "leader must keep leading at its term for this many rounds of ticks (0: not "
             "asked)");
    return s;
  }();
  return kSchema;
}

WorldConfig WorldSpec::Defaults(Command command) {
  return command == Command::kSimulate ? SimulationDefaults() : WorldConfig{};
}

json MessageToJson(const raft::Message& m) {
  // Every field, so that the message is named exactly (a pattern with every field matches
  // only equal messages).
  json entries = json::array();
  for (const raft::Entry& e : m.entries) {
    entries.push_back(json{{"term", e.term}, {"index", e.index}, {"data", e.data}});
  }
  json j{{"type", raft::MessageTypeName(m.type)},
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
  // Only a MsgSnap carries one: every other message is written as it always was.
  if (m.type == raft::MessageType::kSnap) j["snapshot"] = SnapshotToJson(m.snapshot);
  return j;
}

json WorldSpec::ActionToJson(const ClusterWorld&, const WorldState& s, const WorldAction& a) {
  json j{{"kind", ActionKindName(a.kind)}};
  if (IsMessageAction(a.kind)) {
    j["msg"] = MessageToJson(s.network.at(a.msg));
  } else {
    j["node"] = a.node + 1;
  }
  if (a.outcome != 0) {
    j["outcome"] = SimDisk::CrashName(static_cast<SimDisk::Crash>(a.outcome - 1));
  }
  if (a.after_ops != 0) j["after_ops"] = a.after_ops;
  if (a.kind == ActionKind::kInvoke || a.kind == ActionKind::kGiveUp) j["client"] = a.client + 1;
  if (a.kind == ActionKind::kInvoke) j["op"] = ClientOpKindName(a.op);
  if (a.kind == ActionKind::kTransfer) j["target"] = a.target + 1;
  return j;
}

base::Result<WorldAction> WorldSpec::ActionFromJson(const ClusterWorld& world,
                                                    const WorldState& s, const json& j,
                                                    const registry::Lookup& lookup) {
  if (base::Status s = json_fields::OnlyKeys(
          j, {"kind", "node", "msg", "outcome", "after_ops", "client", "op", "target"}, "action");
      !s.ok()) {
    return s;
  }
  auto kind = j.find("kind");
  if (kind == j.end() || !kind->is_string()) return Invalid("action needs a \"kind\" string");
  std::optional<ActionKind> k = ActionKindFromName(kind->get<std::string>());
  if (!k) return Invalid("unknown action kind \"" + kind->get<std::string>() + "\"");
  WorldAction a;
  a.kind = *k;
  std::uint64_t node = 0;
  const bool has_node = j.contains("node");
  if (base::Status st = ReadUint(j, "node", &node); !st.ok()) return st;
  if (has_node && (node < 1 || node > static_cast<std::uint64_t>(s.size()))) {
    return Invalid("action needs a \"node\" between 1 and " + std::to_string(s.size()));
  }
  if (IsMessageAction(a.kind)) {
    auto msg = j.find("msg");
    if (msg == j.end()) return Invalid(std::string(ActionKindName(a.kind)) + " needs a \"msg\"");
    base::Result<MessagePattern> pattern = MessagePatternFromJson(*msg);
    if (!pattern.ok()) return pattern.status();
    if (has_node && pattern->given.count("to") && pattern->m.to != node) {
      return Invalid("the action's node " + std::to_string(node) +
                     " is not its message's destination " + std::to_string(pattern->m.to));
    }
    base::Result<std::size_t> at = FindMessage(s.network, *pattern);
    if (!at.ok()) {
      const bool none = at.status().code() == base::Status::Code::kUnavailable;
      const std::size_t closest = none && lookup.closest_message
                                      ? ClosestMessage(s.network, *pattern)
                                      : s.network.size();
      if (closest == s.network.size()) return at.status();
      at = closest;
    }
    a.msg = static_cast<std::uint16_t>(*at);
    a.node = static_cast<std::uint8_t>(s.network.at(*at).to - 1);
    if (has_node && node != static_cast<std::uint64_t>(a.node) + 1) {
      return Invalid("the action's node " + std::to_string(node) +
                     " is not its message's destination " + std::to_string(a.node + 1));
    }
  } else {
    if (!has_node) {
      return Invalid("action needs a \"node\" between 1 and " + std::to_string(s.size()));
    }
    a.node = static_cast<std::uint8_t>(node - 1);
  }
  if (auto outcome = j.find("outcome"); outcome != j.end()) {
    std::optional<SimDisk::Crash> crash;
    for (int c = 0; c <= static_cast<int>(SimDisk::Crash::kFlipBit); ++c) {
      if (*outcome == SimDisk::CrashName(static_cast<SimDisk::Crash>(c))) {
        crash = static_cast<SimDisk::Crash>(c);
      }
    }
    if (a.kind != ActionKind::kCrash || !crash) {
      return Invalid("\"outcome\" is one of lose-unsynced, keep-unsynced, torn-write, flip-bit, "
                     "and only for a crash");
    }
    a.outcome = static_cast<std::uint8_t>(static_cast<int>(*crash) + 1);
  }
  if (auto ops = j.find("after_ops"); ops != j.end()) {
    if (a.kind != ActionKind::kCrash || !ops->is_number_unsigned() || *ops == 0 || *ops > 255) {
      return Invalid("\"after_ops\" is a number of disk operations from 1 to 255, and only for "
                     "a crash");
    }
    a.after_ops = ops->get<std::uint8_t>();
  }
  const bool client_action = a.kind == ActionKind::kInvoke || a.kind == ActionKind::kGiveUp;
  if (j.contains("client") || client_action) {
    const int clients = world.config().clients;
    std::uint64_t client = 0;
    if (!client_action || !ReadUint(j, "client", &client).ok() || client == 0 ||
        client > static_cast<std::uint64_t>(clients)) {
      return Invalid("\"client\" is a client from 1 to " + std::to_string(clients) +
                     ", and only for invoke and give-up");
    }
    a.client = static_cast<std::uint8_t>(client - 1);
  }
  if (auto op = j.find("op"); op != j.end() || a.kind == ActionKind::kInvoke) {
    const std::optional<ClientOpKind> kind =
        op != j.end() && op->is_string() ? ClientOpKindFromName(op->get<std::string>())
                                         : std::nullopt;
    if (a.kind != ActionKind::kInvoke || !kind) {
      return Invalid("\"op\" is one of put, get, cas, and only for invoke");
    }
    a.op = *kind;
  }
  if (j.contains("target") || a.kind == ActionKind::kTransfer) {
    std::uint64_t target = 0;
    if (a.kind != ActionKind::kTransfer || !ReadUint(j, "target", &target).ok() ||
        target == 0 || target > static_cast<std::uint64_t>(s.size())) {
      return Invalid("\"target\" is a node from 1 to " + std::to_string(s.size()) +
                     ", and only for transfer");
    }
    a.target = static_cast<std::uint8_t>(target - 1);
  }
  std::vector<WorldAction> enabled;
  world.Actions(s, enabled);
  if (std::find(enabled.begin(), enabled.end(), a) == enabled.end()) {
    return base::Status::Unavailable(std::string(ActionKindName(a.kind)) + " is not enabled here");
  }
  return a;
}

registry::StepView WorldSpec::ViewStep(const ClusterWorld& world, const WorldState& before,
                                       const WorldAction& a) {
  registry::StepView v;
  v.kind = ActionKindName(a.kind);
  v.node = a.node + 1;
  v.text = world.DescribeIn(before, a);
  if (IsMessageAction(a.kind)) {
    const raft::Message& m = before.network.at(a.msg);
    v.from = static_cast<int>(m.from);
    v.label = raft::Describe(m, &DescribeEntryData);
  } else if (a.kind == ActionKind::kInvoke) {
    v.label = std::string("c") + std::to_string(a.client + 1) + " " + ClientOpKindName(a.op);
  } else if (a.kind == ActionKind::kGiveUp) {
    v.label = "c" + std::to_string(a.client + 1) + " gives up";
  } else if (a.kind == ActionKind::kPropose) {
    v.label = "propose " + ClusterWorld::ValueData(before.proposed + 1);
  } else if (a.kind == ActionKind::kTransfer) {
    v.label = "transfer to " + std::to_string(a.target + 1);
  } else {
    v.label = v.kind;
  }
  return v;
}

std::string WorldSpec::ExceededBound(const ClusterWorld& world, const WorldState& s) {
  const WorldConfig& c = world.config();
  if (static_cast<int>(s.network.size()) > c.max_msgs) {
    return "--max-msgs " + std::to_string(c.max_msgs) + " (" + std::to_string(s.network.size()) +
           " messages in flight)";
  }
  for (int i = 0; i < s.size(); ++i) {
    const HostScalars& h = s.cells[i]->scalars;
    if (std::max(h.term, h.durable_term) > c.max_term) {
      return "--max-term " + std::to_string(c.max_term);
    }
    if (h.up && s.host(i).node().raft().log().LastIndex() > c.max_log) {
      return "--max-log " + std::to_string(c.max_log);
    }
    if (h.up && world.ReadRoundsPastBound(s.host(i).node().raft())) {
      return "--ops " + std::to_string(c.ops) + " (read rounds of a leader)";
    }
  }
  return "";
}

std::vector<std::string> WorldSpec::GoalNames() {
  return {"leader elected", "entry committed", "drop",       "duplicate",
          "crash",          "restart",         "compaction", "snapshot delivered",
          "client answered", "timeout-now delivered", "check-quorum step-down"};
}

std::uint32_t WorldSpec::EnabledGoals(const WorldConfig& c) {
  std::uint32_t goals = kLeaderElected | kEntryCommitted;
  if (c.drop) goals |= kDropTaken;
  if (c.duplicate) goals |= kDuplicateTaken;
  if (c.max_crashes > 0) goals |= kCrashTaken;
  if (c.max_crashes > 0 && c.restart) goals |= kRestartTaken;
  if (c.max_compactions > 0) goals |= kCompactionTaken | kSnapshotDelivered;
  if (c.clients > 0) goals |= kClientAnswered;
  if (c.transfer) goals |= kTimeoutNowDelivered;
  if (c.ticks && c.check_quorum) goals |= kCheckQuorumStepDown;
  return goals;
}

std::uint32_t WorldSpec::Reached(const ClusterWorld&, const WorldState& state,
                                 const WorldAction& a, const WorldState& next) {
  std::uint32_t goals = 0;
  switch (a.kind) {
    case ActionKind::kDeliver:
      if (state.network.at(a.msg).type == raft::MessageType::kSnap && state.cells[a.node]->scalars.up) {
        goals |= kSnapshotDelivered;
      }
      if (state.network.at(a.msg).type == raft::MessageType::kTimeoutNow &&
          state.cells[a.node]->scalars.up) {
        goals |= kTimeoutNowDelivered;
      }
      break;
    case ActionKind::kTick:
      if (state.cells[a.node]->scalars.role == props::NodeRole::kLeader &&
          next.cells[a.node]->scalars.role == props::NodeRole::kFollower) {
        goals |= kCheckQuorumStepDown;
      }
      break;
    case ActionKind::kCompact: goals |= kCompactionTaken; break;
    case ActionKind::kDrop: goals |= kDropTaken; break;
    case ActionKind::kDuplicate: goals |= kDuplicateTaken; break;
    case ActionKind::kCrash: goals |= kCrashTaken; break;
    case ActionKind::kRestart: goals |= kRestartTaken; break;
    default: break;
  }
  if (!next.ops.empty() && OkOps(next) > OkOps(state)) goals |= kClientAnswered;
  // An action changes at most the node it acts on.
  const HostScalars& h = next.cells[a.node]->scalars;
  if (h.role == props::NodeRole::kLeader) goals |= kLeaderElected;
  if (h.commit > 0) goals |= kEntryCommitted;
  return goals;
}

int WorldSpec::Actor(const json& a) {
  if (auto msg = a.find("msg"); msg != a.end() && msg->is_object()) return msg->value("to", 0);
  return a.value("node", 0);
}

std::string WorldSpec::Fault(const json& a) {
  const std::string kind = a.value("kind", "");
  if (kind == "drop" || kind == "duplicate") return kind;
  if (kind == "crash" || kind == "restart") return "crash";
  return "";
}

json WorldSpec::Tighten(json c, std::span<const json> actions) {
  c["values"] = CountKind(actions, "propose");
  c["max_crashes"] = CountKind(actions, "crash");
  c["drop"] = CountKind(actions, "drop") > 0;
  c["duplicate"] = CountKind(actions, "duplicate") > 0;
  c["restart"] = CountKind(actions, "restart") > 0;
  if (c.value("transfer", false)) c["transfer"] = CountKind(actions, "transfer") > 0;
  if (c.value("clients", 0) > 0) {
    const std::size_t ops = CountKind(actions, "invoke");
    c["ops"] = ops;
    if (ops == 0) {  // no client acted: the run needs none
      c["clients"] = 0;
      c["cas"] = false;
    }
  }
  return c;
}

}  // namespace raftcheck
