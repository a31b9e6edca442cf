// RAFT_INVARIANT(cond, name): reports a broken internal invariant and does not return.
// For broken internal invariants only (a corrupted log, a role transition that cannot happen);
// anything a peer or a caller can cause is reported through Status instead.
//
// By default a broken invariant prints its name and aborts, the way etcd-raft panics. A driver
// that runs nodes inside a search (the explorer) installs a handler that unwinds instead, so a
// seeded bug that corrupts a node is reported as a counterexample rather than killing the run.
#ifndef RAFTCHECK_IMPL_INVARIANT_H_
#define RAFTCHECK_IMPL_INVARIANT_H_

namespace raft {

// Must not return: throw, or end the process. Called with the invariant's name and condition.
using InvariantHandler = void (*)(const char* name, const char* condition, const char* file,
                                  int line);
// Installs a process-wide handler (nullptr restores the default) and returns the previous one.
// Set it once at start-up, before any node runs.
InvariantHandler SetInvariantHandler(InvariantHandler handler);

[[noreturn]] void InvariantFailed(const char* name, const char* condition, const char* file,
                                  int line);

}  // namespace raft

#define RAFT_INVARIANT(cond, name) \
  ((cond) ? (void)0 : ::raft::InvariantFailed((name), #cond, __FILE__, __LINE__))

#endif  // RAFTCHECK_IMPL_INVARIANT_H_
