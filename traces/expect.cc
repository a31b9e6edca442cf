#include "traces/expect.h"

#include <set>
#include <vector>

namespace traces {
namespace {

using nlohmann::json;

constexpr props::NodeRole kRoles[] = {props::NodeRole::kFollower,
                                      props::NodeRole::kPreCandidate,
                                      props::NodeRole::kCandidate, props::NodeRole::kLeader};

bool IsUint(const json& j) {
  return j.is_number_unsigned() || (j.is_number_integer() && j.get<std::int64_t>() >= 0);
}

bool IsUintArray(const json& j) {
  if (!j.is_array()) return false;
  for (const json& x : j) {
    if (!IsUint(x)) return false;
  }
  return true;
}

std::string List(const std::vector<std::uint64_t>& xs) {
  std::string out = "[";
  for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? "," : "") + std::to_string(xs[i]);
  return out + "]";
}

}  // namespace

const char* RoleName(props::NodeRole role) {
  switch (role) {
    case props::NodeRole::kFollower: return "follower";
    case props::NodeRole::kPreCandidate: return "pre-candidate";
    case props::NodeRole::kCandidate: return "candidate";
    case props::NodeRole::kLeader: return "leader";
  }
  return "?";
}

base::Status ValidateExpect(const json& expect) {
  if (!expect.is_array()) {
    return base::Status::InvalidArgument("field \"expect\" must be an array of per-node expectations");
  }
  static const std::set<std::string> kKeys = {"node", "up",  "term",      "vote",
                                              "role", "commit", "log_terms", "applied"};
  std::set<std::uint64_t> nodes;
  for (std::size_t i = 0; i < expect.size(); ++i) {
    const json& e = expect[i];
    const std::string where = "expect[" + std::to_string(i) + "]";
    if (!e.is_object() || !e.contains("node") || !IsUint(e["node"]) || e["node"] == 0) {
      return base::Status::InvalidArgument(where + " needs a \"node\" id (1-based)");
    }
    if (!nodes.insert(e["node"].get<std::uint64_t>()).second) {
      return base::Status::InvalidArgument(where + " repeats node " + e["node"].dump());
    }
    for (auto it = e.begin(); it != e.end(); ++it) {
      const std::string& k = it.key();
      bool ok = kKeys.count(k) > 0;
      if (k == "up") ok = it->is_boolean();
      if (k == "term" || k == "vote" || k == "commit") ok = IsUint(*it);
      if (k == "log_terms" || k == "applied") ok = IsUintArray(*it);
      if (k == "role") {
        ok = false;
        for (props::NodeRole r : kRoles) ok = ok || (it->is_string() && *it == RoleName(r));
      }
      if (!ok) {
        return base::Status::InvalidArgument(where + " field \"" + k + "\" is unknown or has the wrong type");
      }
    }
  }
  return base::Status::OK();
}

std::optional<std::string> CheckExpect(const json& expect, const props::Observation& obs) {
  for (const json& e : expect) {
    const std::uint64_t id = e["node"].get<std::uint64_t>();
    const std::string who = "node " + std::to_string(id);
    if (id > obs.nodes.size()) return who + " does not exist";
    const props::NodeView& n = obs.nodes[id - 1];
    auto differs = [&](const char* field, std::uint64_t have) -> std::optional<std::string> {
      if (!e.contains(field) || e[field].get<std::uint64_t>() == have) return std::nullopt;
      return who + " has " + field + " " + std::to_string(have) + ", expected " +
             e[field].dump();
    };
    if (e.contains("up") && e["up"].get<bool>() != n.up) {
      return who + (n.up ? " is up, expected down" : " is down, expected up");
    }
    for (const std::optional<std::string>& why :
         {differs("term", n.term), differs("vote", n.vote), differs("commit", n.commit)}) {
      if (why) return why;
    }
    if (e.contains("role") && e["role"] != RoleName(n.role)) {
      return who + " is " + RoleName(n.role) + ", expected " + e["role"].get<std::string>();
    }
    std::vector<std::uint64_t> terms, applied;
    for (const props::LogEntry& x : n.log) terms.push_back(x.term);
    for (const props::LogEntry& x : n.applied) applied.push_back(x.value);
    if (e.contains("log_terms") && e["log_terms"].get<std::vector<std::uint64_t>>() != terms) {
      return who + " has log terms " + List(terms) + ", expected " + e["log_terms"].dump();
    }
    if (e.contains("applied") && e["applied"].get<std::vector<std::uint64_t>>() != applied) {
      return who + " applied " + List(applied) + ", expected " + e["applied"].dump();
    }
  }
  return std::nullopt;
}

}  // namespace traces
