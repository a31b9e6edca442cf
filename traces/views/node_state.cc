#include "traces/views/node_state.h"

#include <algorithm>

#include "traces/expect.h"

namespace traces::views {
namespace {

constexpr const char* kArrow = "\u2192";  // →

std::string Transition(const std::string& field, const std::string& from, const std::string& to) {
  return field + " " + from + kArrow + to;
}

// "-[removed] +[added]" past the common prefix of two logs, "" when they are equal.
std::string LogChange(const std::vector<props::LogEntry>& before,
                      const std::vector<props::LogEntry>& after) {
  const auto [b, a] = std::mismatch(before.begin(), before.end(), after.begin(), after.end());
  const auto common = static_cast<std::size_t>(b - before.begin());
  std::string out;
  if (common < before.size()) out += "-" + FormatEntries(before, common);
  if (common < after.size()) out += (out.empty() ? "+" : " +") + FormatEntries(after, common);
  return out;
}

nlohmann::ordered_json EntriesJson(const std::vector<props::LogEntry>& log) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const props::LogEntry& e : log) out.push_back({{"term", e.term}, {"value", e.value}});
  return out;
}

}  // namespace

std::string FormatEntry(const props::LogEntry& e) {
  std::string s = "t" + std::to_string(e.term);
  if (e.value != 0) s += ":" + props::ValueText(e.value);
  return s;
}

std::string FormatEntries(const std::vector<props::LogEntry>& log, std::size_t from) {
  std::string s = "[";
  for (std::size_t i = from; i < log.size(); ++i) s += (i > from ? " " : "") + FormatEntry(log[i]);
  return s + "]";
}

std::vector<FieldChange> DiffNodeViews(const props::NodeView& before,
                                       const props::NodeView& after) {
  std::vector<FieldChange> out;
  auto scalar = [&](const char* field, std::uint64_t from, std::uint64_t to) {
    if (from != to)
      out.push_back({field, Transition(field, std::to_string(from), std::to_string(to))});
  };
  if (before.up != after.up) out.push_back({"up", after.up ? "up" : "down"});
  scalar("term", before.term, after.term);
  scalar("vote", before.vote, after.vote);
  if (after.up && before.role != after.role) {
    out.push_back({"role", Transition("role", RoleName(before.role), RoleName(after.role))});
  }
  const std::string log = LogChange(before.log, after.log);
  if (!log.empty()) out.push_back({"log", "log " + log});
  scalar("commit", before.commit, after.commit);
  scalar("snapshot", before.snapshot_index, after.snapshot_index);
  if (const std::string applied = LogChange(before.applied, after.applied); !applied.empty()) {
    out.push_back({"applied", "applied " + applied});
  }
  if (before.has_durable && after.has_durable) {
    // Only where the durable store moved differently from the volatile state.
    if (before.durable_term != after.durable_term &&
        after.durable_term - before.durable_term != after.term - before.term) {
      out.push_back({"durable-term", Transition("durable term", std::to_string(before.durable_term),
                                                std::to_string(after.durable_term))});
    }
    const std::string durable_log = LogChange(before.durable_log, after.durable_log);
    if (!durable_log.empty() && durable_log != log) {
      out.push_back({"durable-log", "durable log " + durable_log});
    }
  }
  if (!before.match.empty() && before.match.size() == after.match.size()) {
    std::string match;
    for (std::size_t i = 0; i < after.match.size(); ++i) {
      if (before.match[i] == after.match[i]) continue;
      match += (match.empty() ? "match n" : ", n") + std::to_string(i + 1) + " " +
               std::to_string(before.match[i]) + kArrow + std::to_string(after.match[i]);
    }
    if (!match.empty()) out.push_back({"match", match});
  }
  return out;
}

std::string JoinChanges(const std::vector<FieldChange>& changes) {
  std::string s;
  for (const FieldChange& c : changes) s += (s.empty() ? "" : ", ") + c.text;
  return s;
}

nlohmann::ordered_json NodeStateJson(const props::NodeView& v, int id) {
  nlohmann::ordered_json j;
  j["id"] = id;
  j["up"] = v.up;
  j["role"] = RoleName(v.role);
  j["term"] = v.term;
  j["vote"] = v.vote;
  j["commit"] = v.commit;
  j["log"] = EntriesJson(v.log);
  j["applied"] = EntriesJson(v.applied);
  if (v.snapshot_index != 0) j["snapshot"] = v.snapshot_index;
  if (v.has_durable) j["durable"] = {{"term", v.durable_term}, {"log", EntriesJson(v.durable_log)}};
  if (!v.match.empty()) j["match"] = v.match;
  if (!v.next.empty()) j["next"] = v.next;
  return j;
}

}  // namespace traces::views
