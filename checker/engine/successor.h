// Successor generation shared by every search: copy, Apply, Encode, fingerprint, with buffers
// that are reused from one transition to the next so the hot path does not allocate (beyond
// what copying a State itself allocates).
#ifndef RAFTCHECK_CHECKER_ENGINE_SUCCESSOR_H_
#define RAFTCHECK_CHECKER_ENGINE_SUCCESSOR_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "checker/engine/fingerprint.h"
#include "checker/engine/system.h"

namespace raftcheck::engine {

// Per-thread buffers. Not shared between threads.
template <System S>
struct Scratch {
  std::vector<ActionOf<S>> actions;
  std::optional<StateOf<S>> next;  // optional because a State need not be default-constructible
  std::string bytes;
  // All successors of one state and their fingerprints (BFS computes them all before looking
  // any up, so that the lookups' cache misses overlap). Entries past `successors_used` are
  // stale but keep their buffers for reuse.
  std::vector<StateOf<S>> successors;
  std::vector<std::uint64_t> fps;
};

// The fingerprint of `st`'s canonical encoding; `bytes` is a reusable buffer.
template <System S>
std::uint64_t FingerprintState(const S& sys, const StateOf<S>& st, std::string& bytes) {
  bytes.clear();
  sys.Encode(st, bytes);
  return Fingerprint(bytes);
}

// Sets *scratch.next to `parent` after `a` and returns the successor's fingerprint.
template <System S>
std::uint64_t ApplyAndFingerprint(const S& sys, const StateOf<S>& parent, const ActionOf<S>& a,
                                  Scratch<S>& scratch) {
  if (scratch.next.has_value()) {
    *scratch.next = parent;  // assignment reuses the buffers a State may own
  } else {
    scratch.next.emplace(parent);
  }
  sys.Apply(*scratch.next, a);
  return FingerprintState(sys, *scratch.next, scratch.bytes);
}

}  // namespace raftcheck::engine

#endif  // RAFTCHECK_CHECKER_ENGINE_SUCCESSOR_H_
