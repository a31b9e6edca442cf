#include "checker/world/disk_crash.h"

#include <algorithm>
#include <vector>

#include "impl/harness/applied_codec.h"
#include "impl/wal/wal.h"
#include "impl/wal/wal_reader.h"

namespace raftcheck {
namespace {

// The log a WAL's contents stand for, index 1 first (the snapshot's entries from its data).
std::vector<raft::Entry> LogicalLog(const raft::WalContents& c) {
  std::vector<raft::Entry> log;
  if (c.snapshot) {
    raft::Result<std::vector<raft::Entry>> covered = raft::DecodeAppliedEntries(c.snapshot->data);
    if (covered.ok()) log = std::move(covered).value();
  }
  log.insert(log.end(), c.entries.begin(), c.entries.end());
  return log;
}

raft::Index SnapshotIndex(const raft::WalContents& c) {
  return c.snapshot ? c.snapshot->metadata.index : 0;
}

std::string Hs(const raft::HardState& hs) {
  return "term " + std::to_string(hs.term) + " vote " + std::to_string(hs.vote) + " commit " +
         std::to_string(hs.commit);
}

// The first difference between two recoveries, "" when they agree.
std::string Differs(const raft::WalContents& got, const raft::WalContents& want) {
  if (!(got.hard_state == want.hard_state)) {
    return "hard state " + Hs(got.hard_state) + " where the bytes hold " + Hs(want.hard_state);
  }
  if (SnapshotIndex(got) != SnapshotIndex(want)) {
    return "a snapshot at " + std::to_string(SnapshotIndex(got)) + " where the bytes hold one at " +
           std::to_string(SnapshotIndex(want));
  }
  const std::vector<raft::Entry> a = LogicalLog(got);
  const std::vector<raft::Entry> b = LogicalLog(want);
  for (std::size_t i = 0; i < std::max(a.size(), b.size()); ++i) {
    if (i < a.size() && i < b.size() && a[i] == b[i]) continue;
    const std::string at = "entry " + std::to_string(i + 1);
    if (i >= b.size()) {
      return at + " t" + std::to_string(a[i].term) + " \"" + a[i].data + "\" it never wrote whole";
    }
    if (i >= a.size()) return "no " + at + " where the bytes hold one";
    return at + " t" + std::to_string(a[i].term) + " \"" + a[i].data + "\" where the bytes hold t" +
           std::to_string(b[i].term) + " \"" + b[i].data + "\"";
  }
  return "";
}

// What of `synced` (read before the crash, synced bytes only) `got` lost, "" when nothing.
std::string Lost(const raft::WalContents& got, const raft::WalContents& synced) {
  const raft::HardState& g = got.hard_state;
  const raft::HardState& s = synced.hard_state;
  if (g.term < s.term || (g.term == s.term && s.vote != raft::kNone && g.vote != s.vote) ||
      g.commit < s.commit) {
    return "hard state " + Hs(g) + " below the synced " + Hs(s);
  }
  if (SnapshotIndex(got) < SnapshotIndex(synced)) {
    return "its snapshot went back from " + std::to_string(SnapshotIndex(synced)) + " to " +
           std::to_string(SnapshotIndex(got));
  }
  const std::vector<raft::Entry> a = LogicalLog(got);
  const std::vector<raft::Entry> b = LogicalLog(synced);
  for (raft::Index i = 0; i < s.commit && i < b.size(); ++i) {
    if (i >= a.size() || !(a[i] == b[i])) {
      return "committed entry " + std::to_string(i + 1) + " synced before the crash is gone";
    }
  }
  return "";
}

}  // namespace

void CrashOnDisk(HostCell* cell, SimDisk::Crash crash, int node) {
  const std::string who = "node " + std::to_string(node);
  const std::string dir = HostCell::kNodeDir;
  SimDisk synced = cell->disk;
  synced.CrashNow(SimDisk::Crash::kLoseUnsynced);
  cell->host.Crash();
  cell->disk.CrashNow(crash);
  cell->recovery.clear();
  const std::string after = " after a crash (" + std::string(SimDisk::CrashName(crash)) + ")";
  const raft::Result<raft::WalContents> before = raft::Wal::Read(&synced, dir);
  const raft::Result<raft::WalContents> reference = raft::Wal::Read(&cell->disk, dir);
  if (const raft::Status reload = cell->host.ReloadDurable(); !reload.ok()) {
    cell->recovery = who + "'s WAL does not recover" + after + ": " + reload.message();
    return;
  }
  // ReloadDurable read it with the node's seeded bugs: read it the same way to compare.
  const raft::Result<raft::wal::ScanResult> got =
      raft::wal::ScanWal(cell->disk, dir, cell->host.bugs());
  if (!got.ok() || !reference.ok() || !before.ok()) {
    cell->recovery = who + "'s WAL does not read back" + after + ": " +
                     (!got.ok() ? got.status() : !reference.ok() ? reference.status() : before.status())
                         .message();
    return;
  }
  if (std::string d = Differs(got->contents, *reference); !d.empty()) {
    cell->recovery = who + " recovered " + d + after;
    return;
  }
  const raft::HardState& hs = got->contents.hard_state;
  const std::size_t last = LogicalLog(got->contents).size();
  if (hs.commit > last) {
    cell->recovery = who + " recovered commit " + std::to_string(hs.commit) +
                     " past its last durable entry " + std::to_string(last) + after +
                     ": it cannot restart";
    return;
  }
  if (std::string l = Lost(got->contents, *before); !l.empty()) {
    cell->recovery = who + " lost durable state" + after + ": " + l;
  }
}

}  // namespace raftcheck
