// A crash of a node on a simulated disk (WorldConfig::disk), and the check of what its
// recovery makes of the disk: the property recovered-durable. "A crash loses what was not
// synced" is the WAL's own behaviour on the disk's bytes, not a model of it; this is where the
// explorer holds the WAL to its contract (impl/wal/wal.h):
//  1. The WAL recovers from what the crash left (no Corruption, no IOError).
//  2. What it recovers is what the reference recovery (the WAL's reader with no seeded bug)
//     makes of the same bytes: no torn record kept, nothing invented.
//  3. The node can restart from it: its durable commit is within its durable log.
//  4. Nothing durable is lost: the hard state (term, vote of that term, commit), the snapshot
//     and the committed entries are at least what the disk held synced before the crash.
#ifndef RAFTCHECK_CHECKER_WORLD_DISK_CRASH_H_
#define RAFTCHECK_CHECKER_WORLD_DISK_CRASH_H_

#include <string>

#include "checker/world/sim_disk.h"
#include "checker/world/world_state.h"

namespace raftcheck {

inline constexpr const char* kRecoveredDurable = "recovered-durable";

// Crashes the cell's node and its disk with `crash`, reloads the node's durable state from
// the disk, and sets cell->recovery to the first of the rules above that fails ("" when all
// hold). `node` (1-based) only names it in the message. REQUIRES: cell->host.on_disk().
void CrashOnDisk(HostCell* cell, SimDisk::Crash crash, int node);

}  // namespace raftcheck

#endif  // RAFTCHECK_CHECKER_WORLD_DISK_CRASH_H_
