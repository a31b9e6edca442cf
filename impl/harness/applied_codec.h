// The snapshot data of the harness's state machine. A NodeHost's state machine is the list of
// entries it applied (node_host.h), so a snapshot of it is that list up to the snapshot index,
// written in this small, deterministic encoding (equal lists give equal bytes, which the
// explorer relies on):
//
//   data   := entry*                      (in log order, index 1 first, nothing else)
//   entry  := u64 term, u64 index, u64 n, n bytes of entry data
//   u64    := 8 bytes, little-endian
// n's top bit set marks a configuration-change entry (EntryType::kConfChange); its other bits
// are the length. A normal entry's bytes are what they were before membership changes.
//
// There is no count and no version: the data ends after its last entry.
#ifndef RAFTCHECK_IMPL_HARNESS_APPLIED_CODEC_H_
#define RAFTCHECK_IMPL_HARNESS_APPLIED_CODEC_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "impl/status.h"
#include "impl/types.h"

namespace raft {

// The bytes of `applied`.
std::string EncodeAppliedEntries(std::span<const Entry> applied);
// The list `data` holds. Errors: Corruption (truncated data, or entries whose indexes are not
// 1, 2, 3, ...), naming the byte offset.
Result<std::vector<Entry>> DecodeAppliedEntries(std::string_view data);

}  // namespace raft

#endif  // RAFTCHECK_IMPL_HARNESS_APPLIED_CODEC_H_
